import type { Complaint } from '@m4s/contracts';

/** The next unmet deadline of an open case and the wall-clock time to it (negative: overdue). */
export const nextDue = (c: Complaint, now: number) => {
  if (c.status !== 'open') return null;
  const next = [...c.deadlines].filter((d) => !d.metAt).sort((a, b) => Date.parse(a.due) - Date.parse(b.due))[0];
  return next ? { deadline: next, ms: Date.parse(next.due) - now } : null;
};

export const span = (ms: number) => {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  if (h >= 24) return `${Math.floor(h / 24)}d${h % 24}h`;
  return h >= 1 ? `${h}h${minutes % 60}m` : `${minutes}m`;
};
