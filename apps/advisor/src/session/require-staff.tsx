import type { ReactNode } from 'react';
import { SessionGate } from '@m4s/web-kit/mobile';
import { PasswordPage } from './password-page.tsx';
import { useStaffSession } from './staff-session.ts';

type Props = { children: ReactNode; signedIn: boolean };

/** Guards routes for signed-in staff (signedIn) or for visitors (the sign-in page); sends the other kind on. */
export const RequireStaff = ({ children, signedIn }: Props) => {
  const session = useStaffSession();
  return (
    <SessionGate session={session} signedIn={signedIn} home="/">
      {signedIn && session.me?.staff.mustChangePassword ? <PasswordPage /> : children}
    </SessionGate>
  );
};
