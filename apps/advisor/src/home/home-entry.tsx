import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { RightOutline } from 'antd-mobile-icons';

type Props = {
  /** The section's test id, the button's and the hint's. */
  testIds: { section: string; open: string; hint: string };
  icon: ReactNode;
  title: string;
  hint: string;
  to: string;
};

/** A home-screen section that is one tap onto a page (今日看板, 我的任务), with its figures as the hint. */
export const HomeEntry = ({ testIds, icon, title, hint, to }: Props) => {
  const navigate = useNavigate();
  return (
    <section className="home-section" data-testid={testIds.section}>
      <button type="button" className="home-entry" onClick={() => void navigate(to)} data-testid={testIds.open}>
        <span className="home-section-icon">{icon}</span>
        <span className="home-entry-text">
          <span className="home-section-title">{title}</span>
          <span className="home-section-hint" data-testid={testIds.hint}>
            {hint}
          </span>
        </span>
        <RightOutline className="home-entry-arrow" />
      </button>
    </section>
  );
};
