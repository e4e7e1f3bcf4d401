import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { PageLoading } from '@m4s/web-kit/mobile';
import { RequireOwner } from './session/require-owner.tsx';
import { SignInPage } from './sign-in/sign-in-page.tsx';

// Only the sign-in page is in the first download (a phone on a slow line sees it after ~150 KB, bench/RESULTS.md);
// the signed-in screens load on first use — the home tabs as one chunk while the session is checked, the car
// pages later (the add form alone brings the plate rules and zod).
const HomeLayout = lazy(async () => ({ default: (await import('./home/home-layout.tsx')).HomeLayout }));
const LifeTab = lazy(async () => ({ default: (await import('./home/life-tab.tsx')).LifeTab }));
const ServicesTab = lazy(async () => ({ default: (await import('./home/services-tab.tsx')).ServicesTab }));
const MeTab = lazy(async () => ({ default: (await import('./home/me-tab.tsx')).MeTab }));
const RecordsTab = lazy(async () => ({ default: (await import('./home/records-tab.tsx')).RecordsTab }));
const AddVehiclePage = lazy(async () => ({ default: (await import('./garage/add-vehicle-page.tsx')).AddVehiclePage }));
const HistoryPage = lazy(async () => ({ default: (await import('./garage/history-page.tsx')).HistoryPage }));
const BookPage = lazy(async () => ({ default: (await import('./booking/book-page.tsx')).BookPage }));
const BookingsPage = lazy(async () => ({ default: (await import('./booking/bookings-page.tsx')).BookingsPage }));
const BookingPage = lazy(async () => ({ default: (await import('./booking/booking-page.tsx')).BookingPage }));
const ReschedulePage = lazy(async () => ({ default: (await import('./booking/reschedule-page.tsx')).ReschedulePage }));
const VisitPage = lazy(async () => ({ default: (await import('./visits/visit-page.tsx')).VisitPage }));
const ContactPage = lazy(async () => ({ default: (await import('./contact/contact-page.tsx')).ContactPage }));
const LoyaltyPage = lazy(async () => ({ default: (await import('./loyalty/loyalty-page.tsx')).LoyaltyPage }));
const SurveyPage = lazy(async () => ({ default: (await import('./surveys/survey-page.tsx')).SurveyPage }));
const ReferralsPage = lazy(async () => ({ default: (await import('./referrals/referrals-page.tsx')).ReferralsPage }));
const JoinPage = lazy(async () => ({ default: (await import('./referrals/join-page.tsx')).JoinPage }));
const ReferralLanding = lazy(async () => ({ default: (await import('./referrals/join-page.tsx')).ReferralLanding }));
const FeedbackPage = lazy(async () => ({ default: (await import('./feedback/feedback-page.tsx')).FeedbackPage }));
const NewFeedbackPage = lazy(async () => ({
  default: (await import('./feedback/new-feedback-page.tsx')).NewFeedbackPage,
}));
const FeedbackCasePage = lazy(async () => ({ default: (await import('./feedback/case-page.tsx')).FeedbackCasePage }));
const EventsPage = lazy(async () => ({ default: (await import('./events/events-page.tsx')).EventsPage }));
const EventPage = lazy(async () => ({ default: (await import('./events/event-page.tsx')).EventPage }));
const InboxPage = lazy(async () => ({ default: (await import('./inbox/inbox-page.tsx')).InboxPage }));
const PostPage = lazy(async () => ({ default: (await import('./content/post-page.tsx')).PostPage }));
const KnowledgePage = lazy(async () => ({ default: (await import('./content/knowledge-page.tsx')).KnowledgePage }));
const ArticlePage = lazy(async () => ({ default: (await import('./content/article-page.tsx')).ArticlePage }));
const ChatListPage = lazy(async () => ({ default: (await import('./chat/chat-list-page.tsx')).ChatListPage }));
const ChatPage = lazy(async () => ({ default: (await import('./chat/chat-page.tsx')).ChatPage }));
const ServiceFormPage = lazy(async () => ({
  default: (await import('./services/service-form-page.tsx')).ServiceFormPage,
}));
const RequestPage = lazy(async () => ({ default: (await import('./services/request-page.tsx')).RequestPage }));
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
        element: <RequireOwner signedIn>{later(<HomeLayout />)}</RequireOwner>,
        children: [
          { index: true, element: <Navigate to="/life" replace /> },
          { path: 'life', element: later(<LifeTab />) },
          // A feed push links here (/life/posts/<id>): part of the server's contract.
          { path: 'life/posts/:id', element: later(<PostPage />) },
          { path: 'knowledge', element: later(<KnowledgePage />) },
          { path: 'knowledge/:id', element: later(<ArticlePage />) },
          { path: 'services', element: later(<ServicesTab />) },
          // 车业务 (docs/services.md): a service's form; a request's page (the 消息中心 links here).
          { path: 'services/:id', element: later(<ServiceFormPage />) },
          { path: 'services/requests/:id', element: later(<RequestPage />) },
          { path: 'records', element: later(<RecordsTab />) },
          { path: 'records/add', element: later(<AddVehiclePage />) },
          { path: 'records/:vehicleId', element: later(<HistoryPage />) },
          { path: 'me', element: later(<MeTab />) },
          { path: 'book', element: later(<BookPage />) },
          { path: 'bookings', element: later(<BookingsPage />) },
          { path: 'bookings/:id', element: later(<BookingPage />) },
          { path: 'bookings/:id/reschedule', element: later(<ReschedulePage />) },
          // Inbox messages link here (/visits/<id>), so the path is part of the server's contract.
          { path: 'visits/:id', element: later(<VisitPage />) },
          // The survey invitation links here (/surveys/<id>): part of the server's contract too.
          { path: 'surveys/:id', element: later(<SurveyPage />) },
          // Event invitations link here (/events/<id>): part of the server's contract too.
          { path: 'events', element: later(<EventsPage />) },
          { path: 'events/:id', element: later(<EventPage />) },
          { path: 'messages', element: later(<InboxPage />) },
          { path: 'me/contact', element: later(<ContactPage />) },
          { path: 'me/loyalty', element: later(<LoyaltyPage />) },
          { path: 'me/referrals', element: later(<ReferralsPage />) },
          { path: 'me/referrals/join', element: later(<JoinPage />) },
          // 反馈投诉 (docs/complaints.md): from home, the visit page and 我的.
          { path: 'feedback', element: later(<FeedbackPage />) },
          { path: 'feedback/new', element: later(<NewFeedbackPage />) },
          { path: 'feedback/:id', element: later(<FeedbackCasePage />) },
          // 咨询 (docs/chat.md): the advisors and the assistant; a handover notice links to /chat/<kind>.
          { path: 'chat', element: later(<ChatListPage />) },
          { path: 'chat/:kind', element: later(<ChatPage />) },
        ],
      },
      // A referral poster's link (docs/referrals.md): keeps the code, then on to the signed-in join page.
      { path: '/r/:code', element: later(<ReferralLanding />) },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
    { basename: `/o/${slug}` },
  );
