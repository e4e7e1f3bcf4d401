import { NoticeBar, Tag } from 'antd-mobile';
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
import { useI18n, type OwnerMessageKey } from '../i18n.ts';
import { HotlineList } from '../ui/hotline-list.tsx';

// The first of the seed's one-tap services; each arrives with its own module, none is live yet.
const upcoming: { key: string; label: OwnerMessageKey; icon: typeof CalendarOutline }[] = [
  { key: 'booking', label: 'services.booking', icon: CalendarOutline },
  { key: 'rescue', label: 'services.rescue', icon: ExclamationTriangleOutline },
  { key: 'insurance', label: 'services.insurance', icon: CheckShieldOutline },
  { key: 'inspection', label: 'services.inspection', icon: CheckCircleOutline },
  { key: 'violation', label: 'services.violation', icon: TravelOutline },
  { key: 'trade-in', label: 'services.tradeIn', icon: LoopOutline },
  { key: 'pickup', label: 'services.pickup', icon: TruckOutline },
  { key: 'wash', label: 'services.wash', icon: SmileOutline },
];

/** 车业务: booking and the one-tap services (capabilities 1 and 3); today the dealer's hotlines. */
export const ServicesTab = () => {
  const { t } = useI18n();
  return (
    <div className="tab-page" data-testid="page-services">
      <NoticeBar className="booking-notice" color="info" wrap content={t('services.bookingNotice')} />
      <HotlineList header={t('services.contactTitle')} />
      <section className="soon-grid-card" aria-label={t('services.soonTitle')}>
        <div className="section-title">
          {t('services.soonTitle')}
          <Tag color="var(--brand-accent)" fill="outline" className="section-tag">
            {t('services.soonBadge')}
          </Tag>
        </div>
        <div className="soon-grid">
          {upcoming.map((item) => (
            <div key={item.key} className="soon-grid-item" aria-disabled>
              <span className="soon-grid-icon">
                <item.icon />
              </span>
              <span className="soon-grid-label">{t(item.label)}</span>
            </div>
          ))}
        </div>
      </section>
    </div>
  );
};
