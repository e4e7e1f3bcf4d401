import { Tooltip } from 'antd';
import { weekdays, type BookingStatsDay } from '@m4s/contracts';
import { dayOf } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import styles from './service.module.css';

export type Month = { year: number; month: number };

const pad = (n: number) => String(n).padStart(2, '0');

/** The first and last day of a month as the API writes days. */
export const monthRange = ({ year, month }: Month) => ({
  from: `${year}-${pad(month + 1)}-01`,
  to: `${year}-${pad(month + 1)}-${pad(new Date(year, month + 1, 0).getDate())}`,
});

export type Load = 'closed' | 'low' | 'mid' | 'high';

/** Under half booked is quiet, from 80% the store is full in practice (walk-ins and overruns need room). */
export const loadOf = (day: BookingStatsDay | undefined): Load => {
  if (!day || day.capacity === 0) return 'closed';
  const ratio = day.booked / day.capacity;
  if (ratio >= 0.8) return 'high';
  return ratio >= 0.5 ? 'mid' : 'low';
};

type Props = { month: Month; days: BookingStatsDay[]; onPick: (date: string) => void };

/** A month, Monday first: each day's bookings over its capacity, the cell coloured by load. */
export const MonthGrid = ({ month, days, onPick }: Props) => {
  const { t } = useI18n();
  const byDate = new Map(days.map((d) => [d.date, d]));
  const { from } = monthRange(month);
  const lead = (new Date(month.year, month.month, 1).getDay() + 6) % 7;
  const count = new Date(month.year, month.month + 1, 0).getDate();
  const today = dayOf();
  const cells = [
    ...Array.from({ length: lead }, () => null),
    ...Array.from({ length: count }, (_, i) => `${from.slice(0, 8)}${pad(i + 1)}`),
  ];

  return (
    <div className={styles.grid} data-testid="calendar-grid">
      {weekdays.map((d) => (
        <div key={d} className={styles.weekday}>
          {t(`day.${d}`)}
        </div>
      ))}
      {cells.map((date, i) => {
        if (!date) return <div key={`lead-${i}`} />;
        const day = byDate.get(date);
        const load = loadOf(day);
        const ratio = day && day.capacity > 0 ? Math.min(1, day.booked / day.capacity) : 0;
        return (
          <Tooltip
            key={date}
            title={
              day && day.capacity > 0
                ? `${t('stats.booked')} ${day.booked} · ${t('stats.capacity')} ${day.capacity} · ${t('stats.cancelled')} ${day.cancelled} · ${t('stats.noShow')} ${day.noShow}`
                : null
            }
          >
            <button
              type="button"
              className={`${styles.cell} ${styles[load]} ${date === today ? styles.today : ''}`}
              onClick={() => onPick(date)}
              data-testid={`calendar-day-${date}`}
              data-load={load}
            >
              <span className={styles.dayNumber}>{Number(date.slice(8))}</span>
              {load === 'closed' && !day?.booked ? (
                <span className={styles.closedText}>{t('calendar.closed')}</span>
              ) : (
                <>
                  <span className={`${styles.ratio} tabular`}>
                    {t('calendar.cell', { booked: day?.booked ?? 0, capacity: day?.capacity ?? 0 })}
                  </span>
                  <span className={styles.bar}>
                    <span style={{ width: `${Math.round(ratio * 100)}%` }} />
                  </span>
                </>
              )}
            </button>
          </Tooltip>
        );
      })}
    </div>
  );
};
