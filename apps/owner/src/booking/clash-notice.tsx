import { ExclamationCircleFill, RightOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import type { BookingClashes } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useWhen } from './when.ts';
import './clash-notice.css';

/**
 * The clash of this booking: the car in the workshop (it stops the booking: the owner never books such a
 * car), or a booking on the chosen day (a second one needs the owner's confirmation: `confirmClash`).
 */
export const clashOn = (clashes: BookingClashes | undefined, day: string | null) => {
  if (!clashes) return null;
  if (clashes.visit) return { kind: 'visit' as const, visit: clashes.visit };
  const booking = day ? clashes.bookings.find((b) => b.day === day) : undefined;
  return booking ? { kind: 'booking' as const, booking } : null;
};

type Props = { clashes: BookingClashes | undefined; day: string | null };

/**
 * Shown as soon as the car is chosen, before the form is filled: the car in the workshop (no booking
 * until it is delivered, with a link to its progress), its coming bookings, each with a link (改约 there).
 * A booking on the chosen day is marked: booking again that day is confirmed on the next step.
 */
export const ClashNotice = ({ clashes, day }: Props) => {
  const { t } = useI18n();
  const when = useWhen();
  const navigate = useNavigate();
  if (!clashes || (!clashes.visit && clashes.bookings.length === 0)) return null;
  const sameDay = clashOn(clashes, day);
  if (clashes.visit)
    return (
      <section className="clash clash-block" data-testid="clash-visit">
        <ExclamationCircleFill className="clash-icon" />
        <div className="clash-text">
          <div className="clash-title">{t('clash.inWorkshop', { store: clashes.visit.storeName })}</div>
          <button
            type="button"
            className="clash-link"
            onClick={() => void navigate(clashes.visit?.link ?? '/')}
            data-testid="clash-visit-link"
          >
            {t('clash.viewProgress')} <RightOutline />
          </button>
        </div>
      </section>
    );
  return (
    <section
      className={`clash${sameDay ? ' clash-block' : ''}`}
      data-testid="clash-bookings"
      data-same-day={sameDay ? 'true' : 'false'}
    >
      <ExclamationCircleFill className="clash-icon" />
      <div className="clash-text">
        <div className="clash-title">{sameDay ? t('clash.sameDay') : t('clash.booked')}</div>
        {clashes.bookings.map((b) => (
          <button
            type="button"
            key={b.id}
            className="clash-link"
            onClick={() => void navigate(b.link)}
            data-testid="clash-booking-link"
            data-day={b.day}
          >
            {when.slot(b.startsAt, b.endsAt)} · {b.storeName} {b.serviceName} <RightOutline />
          </button>
        ))}
      </div>
    </section>
  );
};
