import { ExclamationCircleOutline } from 'antd-mobile-icons';
import { HomeEntry } from '../home/home-entry.tsx';
import { useI18n } from '../i18n.ts';
import { useMyCases, useNotices } from './api.ts';
import { nextDue } from './countdown.ts';

/** The home screen's 我的投诉案件 section: how many are open, how many past a deadline, unread notices. */
export const CasesEntry = () => {
  const { t } = useI18n();
  const items = (useMyCases().data ?? []).filter((c) => c.status === 'open');
  const unread = useNotices().data?.unread ?? 0;
  const now = Date.now();
  const overdue = items.filter((c) => (nextDue(c, now)?.ms ?? 1) < 0).length;
  return (
    <HomeEntry
      testIds={{ section: 'section-cases', open: 'open-cases', hint: 'cases-summary' }}
      icon={<ExclamationCircleOutline />}
      title={t('cases.title')}
      hint={
        unread > 0
          ? t('cases.entryNotices', { open: items.length, overdue, unread })
          : items.length > 0
            ? t('cases.entryHint', { open: items.length, overdue })
            : t('cases.entryEmpty')
      }
      to="/complaints"
    />
  );
};
