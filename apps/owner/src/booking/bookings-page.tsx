import { Button, DotLoading, NavBar, Tag } from 'antd-mobile';
import { AddOutline, CalendarOutline, RightOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import type { Booking } from '@m4s/contracts';
import { EmptyState, LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useBookings } from './booking-api.ts';
import { statusColor } from './booking-status.ts';
import { useWhen } from './when.ts';
import '../garage/garage.css';
import '../garage/history.css';
import './booking.css';
import './booking-page.css';

const Item = ({ booking }: { booking: Booking }) => {
  const { t } = useI18n();
  const when = useWhen();
  const navigate = useNavigate();
  const off = booking.status === 'cancelled' || booking.status === 'no_show';
  return (
    <li>
      <button
        type="button"
        className={`bookings-item${off ? ' bookings-item-off' : ''}`}
        onClick={() => void navigate(`/bookings/${booking.id}`)}
        data-testid="booking-item"
        data-status={booking.status}
        data-id={booking.id}
      >
        <div className="bookings-item-top">
          <span className="bookings-item-time">{when.slot(booking.startsAt, booking.endsAt)}</span>
          <Tag color={statusColor[booking.status]} fill="outline">
            {t(`bookingStatus.${booking.status}`)}
          </Tag>
        </div>
        <div className="bookings-item-sub">
          {[booking.serviceType.name, booking.store.name, booking.vehicle.plate].filter(Boolean).join(' · ')}
          <RightOutline className="timeline-more" />
        </div>
      </button>
    </li>
  );
};

/** 我的预约: upcoming bookings first, then the past ones (the server sends them in that order). */
export const BookingsPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const bookings = useBookings();
  const book = () => void navigate('/book');

  const body = () => {
    if (bookings.isPending)
      return (
        <div className="garage-loading">
          <DotLoading color="primary" />
        </div>
      );
    if (bookings.isError) return <LoadFailed onRetry={() => void bookings.refetch()} />;
    const items = bookings.data.items;
    if (items.length === 0)
      return (
        <EmptyState
          testId="bookings-empty"
          icon={<CalendarOutline />}
          title={t('bookings.emptyTitle')}
          description={t('bookings.emptyHint')}
        >
          <Button color="primary" shape="rounded" onClick={book}>
            {t('bookings.new')}
          </Button>
        </EmptyState>
      );
    const upcoming = items.filter((b) => b.status === 'booked' || b.status === 'arrived');
    const past = items.filter((b) => !upcoming.includes(b));
    return (
      <>
        {upcoming.length > 0 ? (
          <>
            <h2 className="garage-section-title">{t('bookings.upcoming')}</h2>
            <ul className="bookings-list" data-testid="bookings-upcoming">
              {upcoming.map((b) => (
                <Item key={b.id} booking={b} />
              ))}
            </ul>
          </>
        ) : null}
        {past.length > 0 ? (
          <>
            <h2 className="garage-section-title">{t('bookings.past')}</h2>
            <ul className="bookings-list" data-testid="bookings-past">
              {past.map((b) => (
                <Item key={b.id} booking={b} />
              ))}
            </ul>
          </>
        ) : null}
      </>
    );
  };

  return (
    <div className="sub-page" data-testid="page-bookings">
      <NavBar
        className="sub-page-nav"
        onBack={() => void navigate('/services')}
        right={
          <button type="button" className="nav-link" onClick={book} data-testid="bookings-new">
            <AddOutline /> {t('bookings.new')}
          </button>
        }
      >
        {t('bookings.title')}
      </NavBar>
      {body()}
    </div>
  );
};
