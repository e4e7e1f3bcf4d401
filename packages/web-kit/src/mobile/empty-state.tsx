import type { ReactNode } from 'react';
import './empty-state.css';

type Props = {
  icon: ReactNode;
  title: string;
  description: string;
  /** card: a section inside a tab; page: the whole screen (unknown dealer, no network). */
  variant?: 'card' | 'page';
  testId?: string;
  children?: ReactNode;
};

/**
 * An honest empty state: what will appear here and why it is empty today — never placeholder data.
 * Hand-made rather than antd-mobile's ErrorBlock, whose bundled illustrations would weigh more than
 * the rest of an app's own code (the owner app's first load is measured).
 */
export const EmptyState = ({ icon, title, description, variant = 'card', testId, children }: Props) => (
  <div className={`empty-state empty-state-${variant}`} data-testid={testId}>
    <span className="empty-state-icon" aria-hidden>
      {icon}
    </span>
    <div className="empty-state-title">{title}</div>
    <p className="empty-state-description">{description}</p>
    {children ? <div className="empty-state-extra">{children}</div> : null}
  </div>
);
