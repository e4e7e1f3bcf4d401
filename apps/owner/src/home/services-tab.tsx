import { CalendarOutline, TruckOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import { BookingEntry, CurrentVisits } from '../booking/services-cards.tsx';
import { useI18n, type OwnerMessageKey } from '../i18n.ts';
import { HotlineList } from '../ui/hotline-list.tsx';
import { ChatEntry } from '../chat/chat-entry.tsx';

// The seed's one-tap services that are built; the others join as their modules land (issue 17).
const services: { key: string; label: OwnerMessageKey; icon: typeof CalendarOutline; to: string }[] = [
  { key: 'booking', label: 'services.booking', icon: CalendarOutline, to: '/book' },
  { key: 'pickup', label: 'services.pickup', icon: TruckOutline, to: '/book?pickup=1' },
];

/** 车业务: 预约保养, the car in the workshop now, the dealer's hotlines and the one-tap services. */
export const ServicesTab = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="tab-page" data-testid="page-services">
      <BookingEntry />
      <CurrentVisits />
      <ChatEntry />
      <HotlineList header={t('services.contactTitle')} />
      <section className="soon-grid-card" aria-label={t('services.soonTitle')}>
        <div className="section-title">{t('services.soonTitle')}</div>
        <div className="soon-grid">
          {services.map((item) => (
            <button
              key={item.key}
              type="button"
              className="soon-grid-item soon-grid-live"
              onClick={() => void navigate(item.to)}
              data-testid={`service-${item.key}`}
            >
              <span className="soon-grid-icon">
                <item.icon />
              </span>
              <span className="soon-grid-label">{t(item.label)}</span>
            </button>
          ))}
        </div>
      </section>
    </div>
  );
};
