import type { ReactNode } from 'react';
import { NavBar } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import './search.css';

/** A sub-page's top bar: back (to where the person came from, else home), a title, an optional action. */
export const PageBar = ({ title, right }: { title: string; right?: ReactNode }) => {
  const navigate = useNavigate();
  const back = () => {
    // Opened directly (a link, a reload on a fresh tab): there is no history entry of ours to go back to.
    if (window.history.state && (window.history.state as { idx?: number }).idx) void navigate(-1);
    else void navigate('/');
  };
  return (
    <NavBar className="page-bar" onBack={back} right={right} data-testid="page-bar">
      {title}
    </NavBar>
  );
};
