import { ActionSheet, Button, DotLoading, NavBar, Tag, Toast } from 'antd-mobile';
import {
  CalendarOutline,
  CheckCircleFill,
  CloseCircleFill,
  EnvironmentOutline,
  PhoneFill,
  RightOutline,
} from 'antd-mobile-icons';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import type { Booking } from '@m4s/contracts';
import { ApiError, dayOf, errorText } from '@m4s/web-kit';
import { EmptyState, LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { BookingFacts } from './booking-facts.tsx';
import { calendarUrl, useBooking, useCancelBooking } from './booking-api.ts';
import { usePriceText } from './book-choices.tsx';
import { statusColor } from './booking-status.ts';
import { clockOf, useWhen } from './when.ts';
import '../garage/garage.css';
import './booking.css';
import './booking-page.css';

/** What the owner is told of the reminder: the reminder job's own schedule (the booking's reminderAt). */
const useReminderText = () => {
  const { t } = useI18n();
  return (booking: Booking) =>
    booking.reminderAt
      ? t('booking.reminderAt', { time: `${dayOf(booking.reminderAt)} ${clockOf(booking.reminderAt)}` })
      : t('booking.noReminder');
};

type Arrival = 'created' | 'rescheduled' | null;

const Banner = ({ booking, arrival }: { booking: Booking; arrival: Arrival }) => {
  const { t } = useI18n();
  const when = useWhen();
  const navigate = useNavigate();
  const reminder = useReminderText();
  if (booking.status === 'cancelled' && booking.rescheduledTo)
    return (
      <section className="booking-banner booking-banner-moved" data-testid="booking-banner">
        <CalendarOutline className="booking-banner-icon" />
        <div>
          <div className="booking-banner-title">{t('booking.rescheduledTitle')}</div>
          {booking.rescheduledToStartsAt ? (
            <div className="booking-banner-sub" data-testid="booking-rescheduled-to">
              {t('booking.rescheduledTo', { time: when.slot(booking.rescheduledToStartsAt) })}
            </div>
          ) : null}
          <button
            type="button"
            className="booking-banner-link"
            onClick={() => void navigate(`/bookings/${booking.rescheduledTo}`)}
            data-testid="booking-rescheduled-link"
          >
            {t('booking.viewNew')} <RightOutline />
          </button>
        </div>
      </section>
    );
  if (booking.status === 'cancelled')
    return (
      <section className="booking-banner booking-banner-off" data-testid="booking-banner">
        <CloseCircleFill className="booking-banner-icon" />
        <div>
          <div className="booking-banner-title">{t('booking.cancelledTitle')}</div>
          {booking.cancelledAt ? (
            <div className="booking-banner-sub">{t('booking.cancelledAt', { date: dayOf(booking.cancelledAt) })}</div>
          ) : null}
          {booking.cancelReason ? <div className="booking-banner-sub">{booking.cancelReason}</div> : null}
        </div>
      </section>
    );
  if (!arrival) return null;
  return (
    <section className="booking-banner" data-testid="booking-success">
      <CheckCircleFill className="booking-banner-icon" />
      <div>
        <div className="booking-banner-title">
          {arrival === 'rescheduled' ? t('booking.rescheduledTitle') : t('booking.successTitle')}
        </div>
        {arrival === 'rescheduled' ? (
          <div className="booking-banner-sub" data-testid="booking-rescheduled-to">
            {t('booking.rescheduledTo', { time: when.slot(booking.startsAt, booking.endsAt) })}
          </div>
        ) : null}
        <div className="booking-banner-sub" data-testid="booking-reminder">
          {t('booking.successHint')}
          {reminder(booking)}
        </div>
      </div>
    </section>
  );
};

const Detail = ({ booking, arrival }: { booking: Booking; arrival: Arrival }) => {
  const { t } = useI18n();
  const when = useWhen();
  const price = usePriceText();
  const navigate = useNavigate();
  const cancel = useCancelBooking(booking.id);
  const { serviceType: type, store } = booking;
  const wait = when.duration(booking.expectedWaitMinutes);

  const askCancel = () => {
    const reasons = [
      'booking.reasonPlans',
      'booking.reasonElsewhere',
      'booking.reasonNotNeeded',
      'booking.reasonOther',
    ] as const;
    const sheet = ActionSheet.show({
      extra: t('booking.cancelTitle'),
      cancelText: t('booking.keep'),
      actions: reasons.map((key) => ({
        key,
        text: <span data-testid={`cancel-reason-${key.replace('booking.reason', '').toLowerCase()}`}>{t(key)}</span>,
      })),
      onAction: (action) => {
        sheet.close();
        const key = reasons.find((r) => r === action.key);
        cancel.mutate(
          { reason: key ? t(key) : null },
          {
            onSuccess: () => Toast.show({ icon: 'success', content: t('booking.cancelDone') }),
            onError: (error) => Toast.show({ content: errorText(error, t('booking.actionFailed')) }),
          },
        );
      },
    });
  };

  return (
    <>
      <Banner booking={booking} arrival={arrival} />
      <section className="booking-card" data-testid="booking-card" data-status={booking.status}>
        <header className="booking-card-head">
          <div>
            <div className="booking-card-service">{type.name}</div>
            <div className="booking-card-time" data-testid="booking-time">
              {when.slot(booking.startsAt, booking.endsAt)}
            </div>
          </div>
          <Tag color={statusColor[booking.status]} fill="outline" data-testid="booking-status">
            {booking.rescheduledTo ? t('bookingStatus.rescheduled') : t(`bookingStatus.${booking.status}`)}
          </Tag>
        </header>
        <BookingFacts
          facts={[
            {
              key: 'car',
              label: t('booking.car'),
              value: [booking.vehicle.plate, booking.vehicle.modelName].filter(Boolean).join(' · '),
            },
            { key: 'wait', label: t('booking.wait'), value: t('booking.waitNote', { wait }) },
            { key: 'price', label: t('booking.price'), value: price(type.priceMinFen, type.priceMaxFen) },
            { key: 'advisor', label: t('booking.advisor'), value: booking.advisor?.name ?? t('booking.advisorAny') },
            booking.pickup
              ? {
                  key: 'pickup',
                  label: t('booking.pickup'),
                  value: `${t('booking.pickupWindow', { start: booking.pickup.windowStart, end: booking.pickup.windowEnd })} · ${booking.pickup.address}`,
                }
              : null,
            booking.concerns ? { key: 'concerns', label: t('booking.concerns'), value: booking.concerns } : null,
          ]}
        />
      </section>
      {booking.status === 'booked' ? (
        <section className="booking-bring" data-testid="booking-bring">
          <div className="booking-bring-title">{t('booking.bring')}</div>
          <div className="booking-bring-text">{type.bring ?? t('booking.bringDefault')}</div>
        </section>
      ) : null}
      <section className="booking-store" data-testid="booking-store">
        <div className="booking-store-name">{store.name}</div>
        <div className="booking-store-row">
          <EnvironmentOutline /> <span data-testid="booking-address">{store.address}</span>
        </div>
        {store.phone ? (
          <a className="booking-store-row" href={`tel:${store.phone}`} data-testid="booking-phone">
            <PhoneFill /> {store.phone}
          </a>
        ) : null}
      </section>
      {booking.visitId ? (
        <Button
          block
          color="primary"
          shape="rounded"
          className="booking-progress"
          onClick={() => void navigate(`/visits/${booking.visitId}`)}
          data-testid="booking-progress"
        >
          {t('booking.viewProgress')} <RightOutline />
        </Button>
      ) : null}
      {booking.status === 'booked' ? (
        <div className="booking-actions">
          {/* A plain link: the phone's calendar app opens the .ics the server writes. */}
          <a className="booking-action" href={calendarUrl(booking.id)} download data-testid="booking-calendar">
            <CalendarOutline /> {t('booking.calendar')}
          </a>
          {booking.changeable ? (
            <>
              <button
                type="button"
                className="booking-action"
                onClick={() => void navigate(`/bookings/${booking.id}/reschedule`)}
                data-testid="booking-reschedule"
              >
                {t('booking.reschedule')}
              </button>
              <button
                type="button"
                className="booking-action booking-action-danger"
                onClick={askCancel}
                disabled={cancel.isPending}
                data-testid="booking-cancel"
              >
                {t('booking.cancel')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {booking.changeable ? <p className="tab-note">{t('booking.changeNote')}</p> : null}
    </>
  );
};

/** The booking's confirmation page: when and where, how long, what to bring; 添加到日历, 改约, 取消预约. */
export const BookingPage = () => {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const booking = useBooking(id);
  const state = location.state as { created?: boolean; rescheduled?: boolean } | null;
  const arrival: Arrival = state?.rescheduled ? 'rescheduled' : state?.created ? 'created' : null;

  const body = () => {
    if (booking.isPending)
      return (
        <div className="garage-loading">
          <DotLoading color="primary" />
        </div>
      );
    if (booking.error instanceof ApiError && booking.error.status === 404)
      return (
        <EmptyState
          testId="booking-not-found"
          icon={<CalendarOutline />}
          title={t('booking.notFoundTitle')}
          description={t('booking.notFoundHint')}
        />
      );
    if (booking.isError) return <LoadFailed onRetry={() => void booking.refetch()} />;
    return <Detail booking={booking.data} arrival={arrival} />;
  };

  return (
    <div className="sub-page" data-testid="page-booking">
      <NavBar
        className="sub-page-nav"
        onBack={() => void navigate('/bookings')}
        right={
          <button type="button" className="nav-link" onClick={() => void navigate('/bookings')}>
            {t('booking.myBookings')}
          </button>
        }
      >
        {arrival === 'created' ? t('booking.successTitle') : t('booking.title')}
      </NavBar>
      {body()}
    </div>
  );
};
