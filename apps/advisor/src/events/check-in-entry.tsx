import { ScanningOutline } from 'antd-mobile-icons';
import { HomeEntry } from '../home/home-entry.tsx';
import { useI18n } from '../i18n.ts';

/** The home screen's way into 活动签到. */
export const CheckInEntry = () => {
  const { t } = useI18n();
  return (
    <HomeEntry
      testIds={{ section: 'home-check-in', open: 'open-check-in', hint: 'check-in-hint' }}
      icon={<ScanningOutline />}
      title={t('eventCheckIn.entry')}
      hint={t('eventCheckIn.entryHint')}
      to="/check-in"
    />
  );
};
