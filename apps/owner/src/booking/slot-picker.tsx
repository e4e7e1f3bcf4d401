import { useState } from 'react';
import { DotLoading } from 'antd-mobile';
import type { AvailabilityDay, AvailabilitySlot } from '@m4s/contracts';
import { dayOf } from '@m4s/web-kit';
import { LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useAvailability } from './booking-api.ts';
import { clockOf, useWhen } from './when.ts';
import './slot-picker.css';

type Props = {
  storeId: string;
  serviceTypeId: string;
  advisorId: string | null;
  value: string | null;
  onChange: (startsAt: string | null) => void;
  /** The day to open on before anything is chosen (改约: the booking's own day). */
  initialDay?: string | undefined;
};

const bookable = (slot: AvailabilitySlot) => slot.free > 0 && slot.advisorFree;
const openDay = (day: AvailabilityDay) => !day.closed && day.slots.some(bookable);

const DateStrip = ({
  days,
  selected,
  onSelect,
}: {
  days: AvailabilityDay[];
  selected: string;
  onSelect: (d: string) => void;
}) => {
  const { t } = useI18n();
  const when = useWhen();
  return (
    <div className="date-strip" role="tablist">
      {days.map((day) => {
        const mark = day.closed ? t('book.dayClosed') : openDay(day) ? null : t('book.dayFull');
        return (
          <button
            key={day.date}
            type="button"
            role="tab"
            aria-selected={day.date === selected}
            className={`date-chip${day.date === selected ? ' date-chip-on' : ''}${mark ? ' date-chip-off' : ''}`}
            onClick={() => onSelect(day.date)}
            data-testid={`date-${day.date}`}
          >
            <span className="date-chip-name">{when.dayName(day.date)}</span>
            <span className="date-chip-day">{day.date.slice(5)}</span>
            <span className="date-chip-mark">{mark ?? ' '}</span>
          </button>
        );
      })}
    </div>
  );
};

const SlotGrid = ({
  day,
  value,
  onChange,
}: {
  day: AvailabilityDay;
  value: string | null;
  onChange: Props['onChange'];
}) => {
  const { t } = useI18n();
  if (day.closed)
    return (
      <div className="slot-empty" data-testid="day-closed">
        {day.reason ? t('book.closedReason', { reason: day.reason }) : t('book.closedTitle')}
      </div>
    );
  if (day.slots.length === 0) return <div className="slot-empty">{t('book.noSlots')}</div>;
  return (
    <div className="slot-grid">
      {day.slots.map((slot) => {
        const time = clockOf(slot.startsAt);
        const on = value === slot.startsAt;
        const note =
          slot.free <= 0
            ? t('book.slotFull')
            : !slot.advisorFree
              ? t('book.slotAdvisorBusy')
              : slot.free <= 3
                ? t('book.slotLeft', { count: slot.free })
                : t('book.slotOpen');
        return (
          <button
            key={slot.startsAt}
            type="button"
            className={`slot${on ? ' slot-on' : ''}`}
            disabled={!bookable(slot)}
            aria-pressed={on}
            onClick={() => onChange(slot.startsAt)}
            data-testid={`slot-${time}`}
            data-full={slot.free <= 0 ? 'true' : 'false'}
          >
            <span className="slot-time">{time}</span>
            <span className="slot-note">{note}</span>
          </button>
        );
      })}
    </div>
  );
};

/** The next two weeks as a strip of days, and the chosen day's slots: full ones shown, greyed, not tappable. */
export const SlotPicker = ({ storeId, serviceTypeId, advisorId, value, onChange, initialDay }: Props) => {
  const { t } = useI18n();
  const availability = useAvailability({ storeId, serviceTypeId, advisorId });
  const days = availability.data?.days ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const chosenDay = value ? dayOf(value) : (initialDay ?? null);
  // The day tapped last; before that (or once it leaves the range) the chosen slot's day, else the first
  // day with a free place.
  const selected =
    days.find((d) => d.date === picked) ?? days.find((d) => d.date === chosenDay) ?? days.find(openDay) ?? days[0];

  if (availability.isPending)
    return (
      <div className="slot-loading">
        <DotLoading color="primary" />
      </div>
    );
  if (availability.isError) return <LoadFailed onRetry={() => void availability.refetch()} />;
  return (
    <div className="slot-picker" data-testid="slot-picker">
      <DateStrip days={days} selected={selected?.date ?? ''} onSelect={setPicked} />
      {selected ? <SlotGrid day={selected} value={value} onChange={onChange} /> : null}
      <p className="slot-legend">{t('book.slotsLegend')}</p>
    </div>
  );
};
