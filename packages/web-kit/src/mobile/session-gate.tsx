import type { ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import { LoadFailed, PageLoading } from './page-states.tsx';

type Session = { me: unknown; isPending: boolean; error: unknown; refetch: () => Promise<unknown> };

type Props = {
  session: Session;
  /** true: for signed-in people only; false: for visitors only (the sign-in page). */
  signedIn: boolean;
  /** Where a signed-in person lands when they open the sign-in page. */
  home: string;
  children: ReactNode;
};

/** Guards a route for one kind of visitor and sends the other kind on; /sign-in is every mobile app's door. */
export const SessionGate = ({ session, signedIn, home, children }: Props) => {
  if (session.isPending) return <PageLoading />;
  if (session.error) return <LoadFailed onRetry={() => void session.refetch()} />;
  if (signedIn && !session.me) return <Navigate to="/sign-in" replace />;
  if (!signedIn && session.me) return <Navigate to={home} replace />;
  return children;
};
