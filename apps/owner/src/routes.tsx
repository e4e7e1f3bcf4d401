import { createBrowserRouter, Navigate } from 'react-router-dom';
import { HomeLayout } from './home/home-layout.tsx';
import { LifeTab } from './home/life-tab.tsx';
import { MeTab } from './home/me-tab.tsx';
import { RecordsTab } from './home/records-tab.tsx';
import { ServicesTab } from './home/services-tab.tsx';
import { RequireOwner } from './session/require-owner.tsx';
import { SignInPage } from './sign-in/sign-in-page.tsx';

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
          { path: 'records', element: <RecordsTab /> },
          { path: 'me', element: <MeTab /> },
        ],
      },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
    { basename: `/o/${slug}` },
  );
