import { createBrowserRouter, Navigate } from 'react-router-dom';
import { HomePage } from './home/home-page.tsx';
import { RequireStaff } from './session/require-staff.tsx';
import { SignInPage } from './sign-in/sign-in-page.tsx';

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
            <HomePage />
          </RequireStaff>
        ),
      },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
    { basename: '/advisor' },
  );
