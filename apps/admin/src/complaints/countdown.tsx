import { Tag } from 'antd';
import type { Complaint } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { formatDateTime } from '../lib/format.ts';

type Deadline = Complaint['deadlines'][number];

const span = (ms: number) => {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  const d = Math.floor(h / 24);
  if (d >= 1) return `${d}d${h % 24}h`;
  return h >= 1 ? `${h}h${minutes % 60}m` : `${minutes}m`;
};

const colors = { running: 'blue', warning: 'orange', overdue: 'red', met: 'green', late: 'volcano' } as const;

/** The next deadline still running (or passed), else none: what the list's countdown shows. */
export const nextDeadline = (c: Complaint): Deadline | null =>
  c.status === 'open'
    ? ([...c.deadlines].filter((d) => !d.metAt).sort((a, b) => Date.parse(a.due) - Date.parse(b.due))[0] ?? null)
    : null;

/**
 * One deadline as a tag: its name and the time left (or overdue) by the wall clock; met or late once done. The
 * due moment itself on hover (business time may put it across a night).
 */
export const DeadlineTag = ({ deadline: d, now }: { deadline: Deadline; now: number }) => {
  const { t, locale } = useI18n();
  const left = Date.parse(d.due) - now;
  const text =
    d.state === 'met'
      ? t('complaint.countdown.met')
      : d.state === 'late'
        ? t('complaint.countdown.late')
        : left >= 0
          ? t('complaint.countdown.left', { time: span(left) })
          : t('complaint.countdown.over', { time: span(left) });
  return (
    <Tag
      color={colors[d.state]}
      data-testid={`deadline-${d.kind}`}
      data-state={d.state}
      title={formatDateTime(d.due, locale) ?? undefined}
    >
      {t(`complaint.deadline.${d.kind}`)} · {text}
    </Tag>
  );
};

export const Countdown = ({ complaint, now }: { complaint: Complaint; now: number }) => {
  const { t } = useI18n();
  const next = nextDeadline(complaint);
  return next ? <DeadlineTag deadline={next} now={now} /> : <span>{t('complaint.countdown.none')}</span>;
};
