import { ExclamationCircleOutline } from 'antd-mobile-icons';
import { HomeEntry } from '../home/home-entry.tsx';
import { useI18n } from '../i18n.ts';
import { useMyCases } from './api.ts';
import { nextDue } from './countdown.ts';

/** The home screen's 我的投诉案件 section: how many are open, how many past a deadline. */
export const CasesEntry = () => {
  const { t } = useI18n();
  const items = (useMyCases().data ?? []).filter((c) => c.status === 'open');
  const now = Date.now();
  const overdue = items.filter((c) => (nextDue(c, now)?.ms ?? 1) < 0).length;
  return (
    <HomeEntry
      testIds={{ section: 'section-cases', open: 'open-cases', hint: 'cases-summary' }}
      icon={<ExclamationCircleOutline />}
      title={t('cases.title')}
      hint={items.length > 0 ? t('cases.entryHint', { open: items.length, overdue }) : t('cases.entryEmpty')}
      to="/complaints"
    />
  );
};
