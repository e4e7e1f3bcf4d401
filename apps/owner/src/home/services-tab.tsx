import { BookingEntry, CurrentVisits } from '../booking/services-cards.tsx';
import { useI18n } from '../i18n.ts';
import { MyRequests, ServiceTiles } from '../services/service-tiles.tsx';
import { HotlineList } from '../ui/hotline-list.tsx';
import { ChatEntry } from '../chat/chat-entry.tsx';

/**
 * 车业务: 预约保养 (the booking plugin's card, with the next booking), the car in the workshop now, 咨询, the
 * one-tap services the dealer switched on (plugins, docs/services.md), the owner's requests and the hotlines.
 */
export const ServicesTab = () => {
  const { t } = useI18n();
  return (
    <div className="tab-page" data-testid="page-services">
      <BookingEntry />
      <CurrentVisits />
      <ChatEntry />
      <ServiceTiles shownAbove={['booking']} />
      <MyRequests />
      <HotlineList header={t('services.contactTitle')} />
    </div>
  );
};
