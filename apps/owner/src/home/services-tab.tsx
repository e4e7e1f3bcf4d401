import { Tag } from 'antd-mobile';
import {
  CalendarOutline,
  CheckShieldOutline,
  ExclamationTriangleOutline,
  CheckCircleOutline,
  LoopOutline,
  SmileOutline,
  TravelOutline,
  TruckOutline,
} from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import { BookingEntry, CurrentVisits } from '../booking/services-cards.tsx';
import { useI18n, type OwnerMessageKey } from '../i18n.ts';
import { HotlineList } from '../ui/hotline-list.tsx';

// The seed's one-tap services; each arrives with its own module. `to`: live already.
const upcoming: { key: string; label: OwnerMessageKey; icon: typeof CalendarOutline; to?: string }[] = [
  { key: 'booking', label: 'services.booking', icon: CalendarOutline, to: '/book' },
  { key: 'rescue', label: 'services.rescue', icon: ExclamationTriangleOutline },
  { key: 'insurance', label: 'services.insurance', icon: CheckShieldOutline },
  { key: 'inspection', label: 'services.inspection', icon: CheckCircleOutline },
  { key: 'violation', label: 'services.violation', icon: TravelOutline },
  { key: 'trade-in', label: 'services.tradeIn', icon: LoopOutline },
  { key: 'pickup', label: 'services.pickup', icon: TruckOutline, to: '/book?pickup=1' },
  { key: 'wash', label: 'services.wash', icon: SmileOutline },
];

/** 车业务: 预约保养, the car in the workshop now, the dealer's hotlines and the one-tap services. */
export const ServicesTab = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="tab-page" data-testid="page-services">
      <BookingEntry />
      <CurrentVisits />
      <HotlineList header={t('services.contactTitle')} />
      <section className="soon-grid-card" aria-label={t('services.soonTitle')}>
        <div className="section-title">{t('services.soonTitle')}</div>
        <div className="soon-grid">
          {upcoming.map((item) => {
            const to = item.to;
            return to ? (
              <button
                key={item.key}
                type="button"
                className="soon-grid-item soon-grid-live"
                onClick={() => void navigate(to)}
                data-testid={`service-${item.key}`}
              >
                <span className="soon-grid-icon">
                  <item.icon />
                </span>
                <span className="soon-grid-label">{t(item.label)}</span>
              </button>
            ) : (
              <div key={item.key} className="soon-grid-item" aria-disabled>
                <span className="soon-grid-icon">
                  <item.icon />
                </span>
                <span className="soon-grid-label">{t(item.label)}</span>
                <Tag color="default" fill="outline" className="soon-grid-tag">
                  {t('services.soonBadge')}
                </Tag>
              </div>
            );
          })}
        </div>
      </section>
    </div>
  );
};
