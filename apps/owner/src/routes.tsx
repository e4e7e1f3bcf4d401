import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { PageLoading } from '@m4s/web-kit/mobile';
import { HomeLayout } from './home/home-layout.tsx';
import { LifeTab } from './home/life-tab.tsx';
import { MeTab } from './home/me-tab.tsx';
import { ServicesTab } from './home/services-tab.tsx';
import { RequireOwner } from './session/require-owner.tsx';
import { SignInPage } from './sign-in/sign-in-page.tsx';

// The car pages load on first use, keeping the first screen light: the add form alone brings the plate
// rules (and zod).
const RecordsTab = lazy(async () => ({ default: (await import('./home/records-tab.tsx')).RecordsTab }));
const AddVehiclePage = lazy(async () => ({ default: (await import('./garage/add-vehicle-page.tsx')).AddVehiclePage }));
const HistoryPage = lazy(async () => ({ default: (await import('./garage/history-page.tsx')).HistoryPage }));
const BookPage = lazy(async () => ({ default: (await import('./booking/book-page.tsx')).BookPage }));
const BookingsPage = lazy(async () => ({ default: (await import('./booking/bookings-page.tsx')).BookingsPage }));
const BookingPage = lazy(async () => ({ default: (await import('./booking/booking-page.tsx')).BookingPage }));
const ReschedulePage = lazy(async () => ({ default: (await import('./booking/reschedule-page.tsx')).ReschedulePage }));
const VisitPage = lazy(async () => ({ default: (await import('./visits/visit-page.tsx')).VisitPage }));
const ContactPage = lazy(async () => ({ default: (await import('./contact/contact-page.tsx')).ContactPage }));
const InboxPage = lazy(async () => ({ default: (await import('./inbox/inbox-page.tsx')).InboxPage }));
const later = (page: ReactNode) => <Suspense fallback={<PageLoading />}>{page}</Suspense>;

/** Every tenant's app lives under /o/<slug>/, so that is the router's root. */
export const createOwnerRouter = (slug: string) =>
  createBrowserRouter(
    [
      {
        path: '/sign-in',
        element: (
          <RequireOwner signedIn={false}>
            <SignInPage />
          </RequireOwner>
        ),
      },
      {
        path: '/',
        element: (
          <RequireOwner signedIn>
            <HomeLayout />
          </RequireOwner>
        ),
        children: [
          { index: true, element: <Navigate to="/life" replace /> },
          { path: 'life', element: <LifeTab /> },
          { path: 'services', element: <ServicesTab /> },
          { path: 'records', element: later(<RecordsTab />) },
          { path: 'records/add', element: later(<AddVehiclePage />) },
          { path: 'records/:vehicleId', element: later(<HistoryPage />) },
          { path: 'me', element: <MeTab /> },
          { path: 'book', element: later(<BookPage />) },
          { path: 'bookings', element: later(<BookingsPage />) },
          { path: 'bookings/:id', element: later(<BookingPage />) },
          { path: 'bookings/:id/reschedule', element: later(<ReschedulePage />) },
          // Inbox messages link here (/visits/<id>), so the path is part of the server's contract.
          { path: 'visits/:id', element: later(<VisitPage />) },
          { path: 'messages', element: later(<InboxPage />) },
          { path: 'me/contact', element: later(<ContactPage />) },
        ],
      },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
    { basename: `/o/${slug}` },
  );
