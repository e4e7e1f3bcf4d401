import { BellOutline } from 'antd-mobile-icons';
import { HomeEntry } from '../home/home-entry.tsx';
import { useI18n } from '../i18n.ts';
import { leftMs, useServiceQueue } from './api.ts';

/** The home screen's 服务请求 section: how many wait, how many are past their deadline. */
export const ServiceRequestsEntry = () => {
  const { t } = useI18n();
  const items = useServiceQueue().data ?? [];
  const overdue = items.filter((r) => leftMs(r.dueAt) < 0).length;
  return (
    <HomeEntry
      testIds={{ section: 'section-service-requests', open: 'open-service-requests', hint: 'service-requests-summary' }}
      icon={<BellOutline />}
      title={t('sr.title')}
      hint={items.length > 0 ? t('sr.entryHint', { open: items.length, overdue }) : t('sr.entryEmpty')}
      to="/service-requests"
    />
  );
};
