import type { ReactNode } from 'react';

type Props = { title: string; extra?: ReactNode; testId?: string; children: ReactNode };

/** A white card on the grey page: a title line, then its content. */
export const Section = ({ title, extra, testId, children }: Props) => (
  <section className="c-section" data-testid={testId}>
    <div className="c-section-head">
      <span className="c-section-title">{title}</span>
      {extra}
    </div>
    {children}
  </section>
);

/** The quiet line a section shows when it has nothing yet. */
export const Nothing = ({ children }: { children: ReactNode }) => <p className="c-nothing">{children}</p>;
