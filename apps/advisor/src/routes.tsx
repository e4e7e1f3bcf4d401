import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { PageLoading } from '@m4s/web-kit/mobile';
import { RequireStaff } from './session/require-staff.tsx';
import { SignInPage } from './sign-in/sign-in-page.tsx';

// Only the sign-in page is in the first download (a phone on a slow line sees it after ~120 KB,
// bench/RESULTS.md); every signed-in screen loads on first use, the home screen while the session is checked.
const HomePage = lazy(() => import('./home/home-page.tsx').then((m) => ({ default: m.HomePage })));
const SearchPage = lazy(() => import('./customers/search-page.tsx').then((m) => ({ default: m.SearchPage })));
const CustomerPage = lazy(() => import('./customers/customer-page.tsx').then((m) => ({ default: m.CustomerPage })));
const NewCustomerPage = lazy(() =>
  import('./customers/new-customer-page.tsx').then((m) => ({ default: m.NewCustomerPage })),
);
const BoardPage = lazy(() => import('./board/board-page.tsx').then((m) => ({ default: m.BoardPage })));
const TasksPage = lazy(() => import('./tasks/tasks-page.tsx').then((m) => ({ default: m.TasksPage })));
const CallsPage = lazy(() => import('./calls/calls-page.tsx').then((m) => ({ default: m.CallsPage })));
const CallPage = lazy(() => import('./calls/call-page.tsx').then((m) => ({ default: m.CallPage })));
const CasesPage = lazy(() => import('./cases/cases-page.tsx').then((m) => ({ default: m.CasesPage })));
const CasePage = lazy(() => import('./cases/case-page.tsx').then((m) => ({ default: m.CasePage })));
const CheckInPage = lazy(() => import('./events/check-in-page.tsx').then((m) => ({ default: m.CheckInPage })));
const AlertPage = lazy(() => import('./recovery/alert-page.tsx').then((m) => ({ default: m.AlertPage })));
const ChatInboxPage = lazy(() => import('./chat/chat-inbox-page.tsx').then((m) => ({ default: m.ChatInboxPage })));
const ChatThreadPage = lazy(() => import('./chat/chat-thread-page.tsx').then((m) => ({ default: m.ChatThreadPage })));
const ServiceRequestsPage = lazy(() =>
  import('./service-requests/list-page.tsx').then((m) => ({ default: m.ServiceRequestsPage })),
);
const ServiceRequestPage = lazy(() =>
  import('./service-requests/request-page.tsx').then((m) => ({ default: m.ServiceRequestPage })),
);
const ScorecardPage = lazy(() => import('./scorecard/scorecard-page.tsx').then((m) => ({ default: m.ScorecardPage })));
const VisitPage = lazy(() => import('./visits/visit-page.tsx').then((m) => ({ default: m.VisitPage })));

const signedIn = (page: ReactNode) => (
  <RequireStaff signedIn>
    <Suspense fallback={<PageLoading />}>{page}</Suspense>
  </RequireStaff>
);

export const createAdvisorRouter = () =>
  createBrowserRouter(
    [
      {
        path: '/sign-in',
        element: (
          <RequireStaff signedIn={false}>
            <SignInPage />
          </RequireStaff>
        ),
      },
      {
        path: '/',
        element: (
          <RequireStaff signedIn>
            <Suspense fallback={<PageLoading />}>
              <HomePage />
            </Suspense>
          </RequireStaff>
        ),
      },
      { path: '/customers', element: signedIn(<SearchPage />) },
      { path: '/customers/new', element: signedIn(<NewCustomerPage />) },
      { path: '/customers/:id', element: signedIn(<CustomerPage />) },
      { path: '/board', element: signedIn(<BoardPage />) },
      { path: '/visits/:id', element: signedIn(<VisitPage />) },
      { path: '/tasks', element: signedIn(<TasksPage />) },
      { path: '/scorecard', element: signedIn(<ScorecardPage />) },
      { path: '/calls', element: signedIn(<CallsPage />) },
      { path: '/calls/:id', element: signedIn(<CallPage />) },
      { path: '/complaints', element: signedIn(<CasesPage />) },
      { path: '/complaints/:id', element: signedIn(<CasePage />) },
      { path: '/check-in', element: signedIn(<CheckInPage />) },
      { path: '/recovery/:id', element: signedIn(<AlertPage />) },
      // 会员咨询 (docs/chat.md).
      { path: '/chat', element: signedIn(<ChatInboxPage />) },
      { path: '/chat/:id', element: signedIn(<ChatThreadPage />) },
      { path: '/service-requests', element: signedIn(<ServiceRequestsPage />) },
      { path: '/service-requests/:id', element: signedIn(<ServiceRequestPage />) },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
    { basename: '/advisor' },
  );
