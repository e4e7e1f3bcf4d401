import { PhoneFill } from 'antd-mobile-icons';
import { HomeEntry } from '../home/home-entry.tsx';
import { useI18n } from '../i18n.ts';
import { useCallQueue } from './api.ts';

/** The home screen's 回访工作台 section: today's calls in my queue, and how many are late. */
export const CallsEntry = () => {
  const { t } = useI18n();
  const today = useCallQueue({ scope: 'mine', when: 'today', late: false, page: 1 }).data;
  const late = today?.items.filter((i) => i.late).length ?? 0;
  return (
    <HomeEntry
      testIds={{ section: 'section-calls', open: 'open-calls', hint: 'calls-summary' }}
      icon={<PhoneFill />}
      title={t('calls.title')}
      hint={today && today.total > 0 ? t('calls.entryHint', { due: today.total, late }) : t('calls.entryEmpty')}
      to="/calls"
    />
  );
};
