import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button } from 'antd-mobile';
import './sign-out-button.css';

type SignOut = {
  mutate: (variables: undefined, options: { onSettled: () => void }) => void;
  isPending: boolean;
};

/** The red-text sign-out button at the foot of a settings page; back to /sign-in whatever the server said. */
export const SignOutButton = ({ signOut, children }: { signOut: SignOut; children: ReactNode }) => {
  const navigate = useNavigate();
  const onClick = () => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) });
  return (
    <div className="sign-out">
      <Button block shape="rounded" data-testid="sign-out" loading={signOut.isPending} onClick={onClick}>
        {children}
      </Button>
    </div>
  );
};
