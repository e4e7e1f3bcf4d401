import type { ReactNode } from 'react';
import './booking-facts.css';

export type Fact = { key: string; label: string; value: ReactNode };

/** Label-value rows (预约时间 / 服务门店 / …) as on a printed booking slip. */
export const BookingFacts = ({ facts }: { facts: (Fact | null)[] }) => (
  <dl className="facts">
    {facts
      .filter((f): f is Fact => f !== null)
      .map((f) => (
        <div key={f.key} className="fact" data-testid={`fact-${f.key}`}>
          <dt className="fact-label">{f.label}</dt>
          <dd className="fact-value">{f.value}</dd>
        </div>
      ))}
  </dl>
);
