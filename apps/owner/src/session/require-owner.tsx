import type { ReactNode } from 'react';
import { SessionGate } from '@m4s/web-kit/mobile';
import { useOwnerSession } from './owner-session.ts';

type Props = { children: ReactNode; signedIn: boolean };

/** Guards routes for signed-in owners (signedIn) or for visitors (the sign-in page); sends the other kind on. */
export const RequireOwner = ({ children, signedIn }: Props) => {
  const session = useOwnerSession();
  return (
    <SessionGate session={session} signedIn={signedIn} home="/life">
      {children}
    </SessionGate>
  );
};
