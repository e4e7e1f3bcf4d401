import { Button, Tag } from 'antd-mobile';
import { CalendarOutline, RightOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n.ts';
import { useOwnerVisits } from '../visits/visits-api.ts';
import { useBookings } from './booking-api.ts';
import { useWhen } from './when.ts';
import './services-cards.css';

/** 车业务's first card: 预约保养, and the next booking if there is one. */
export const BookingEntry = () => {
  const { t } = useI18n();
  const when = useWhen();
  const navigate = useNavigate();
  const bookings = useBookings();
  const next = bookings.data?.items.find((b) => b.status === 'booked');
  return (
    <section className="book-entry" data-testid="book-entry">
      <div className="book-entry-main">
        <span className="book-entry-icon" aria-hidden>
          <CalendarOutline />
        </span>
        <div className="book-entry-text">
          <div className="book-entry-title">{t('services.booking')}</div>
          <div className="book-entry-hint">{t('services.bookHint')}</div>
        </div>
        <Button
          color="primary"
          shape="rounded"
          size="small"
          onClick={() => void navigate('/book')}
          data-testid="book-now"
        >
          {t('services.bookNow')}
        </Button>
      </div>
      <button
        type="button"
        className="book-entry-next"
        onClick={() => void navigate('/bookings')}
        data-testid="my-bookings"
      >
        <span className="book-entry-next-label">{t('services.myBookings')}</span>
        <span className="book-entry-next-value">
          {next ? `${when.slot(next.startsAt)} · ${next.store.name}` : t('services.noBooking')}
        </span>
        <RightOutline />
      </button>
    </section>
  );
};

/** 维修进度: cars in the workshop now, and delivered visits still waiting for the owner's rating. */
export const CurrentVisits = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const visits = useOwnerVisits();
  const current = (visits.data?.items ?? []).filter((v) => v.status !== 'delivered' || !v.rated).slice(0, 3);
  if (current.length === 0) return null;
  return (
    <section className="visit-entry" data-testid="current-visits">
      <div className="section-title">{t('visit.progress')}</div>
      {current.map((v) => (
        <button
          key={v.id}
          type="button"
          className="visit-entry-item"
          onClick={() => void navigate(`/visits/${v.id}`)}
          data-testid="current-visit"
        >
          <span className="visit-entry-text">
            <span className="visit-entry-title">
              {v.plate ?? v.modelName} · {t(`stage.${v.status}`)}
            </span>
            <span className="visit-entry-sub">{v.storeName}</span>
          </span>
          {v.undecidedLines > 0 ? (
            <Tag color="warning" fill="solid">
              {t('services.undecided', { count: v.undecidedLines })}
            </Tag>
          ) : v.status === 'delivered' ? (
            <Tag color="primary" fill="outline">
              {t('rating.title')}
            </Tag>
          ) : null}
          <RightOutline className="visit-entry-more" />
        </button>
      ))}
    </section>
  );
};
