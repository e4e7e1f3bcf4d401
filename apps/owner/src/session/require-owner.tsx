import type { ReactNode } from 'react';
import { SessionGate } from '@m4s/web-kit/mobile';
import { pendingCode } from '../referrals/referrals-api.ts';
import { useOwnerSession } from './owner-session.ts';

type Props = { children: ReactNode; signedIn: boolean };

/** Guards routes for signed-in owners (signedIn) or for visitors (the sign-in page); sends the other kind on. */
export const RequireOwner = ({ children, signedIn }: Props) => {
  const session = useOwnerSession();
  return (
    // Signed in after opening a referral link: on to the referral's page rather than home.
    <SessionGate session={session} signedIn={signedIn} home={pendingCode.get() ? '/me/referrals/join' : '/life'}>
      {children}
    </SessionGate>
  );
};
