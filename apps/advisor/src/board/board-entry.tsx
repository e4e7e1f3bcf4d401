import { CalendarOutline } from 'antd-mobile-icons';
import { HomeEntry } from '../home/home-entry.tsx';
import { useI18n } from '../i18n.ts';
import { useBoard } from '../visits/visit-api.ts';
import { useCurrentStore } from './current-store.ts';
import './board.css';

/** The home screen's way onto today's board, with the day at a glance (booked, in the shop, ready). */
export const BoardEntry = () => {
  const { t } = useI18n();
  const { storeId } = useCurrentStore();
  const d = useBoard(storeId).data;
  return (
    <HomeEntry
      testIds={{ section: 'section-bookings', open: 'open-board', hint: 'board-summary' }}
      icon={<CalendarOutline />}
      title={t('home.todayBookings')}
      hint={
        d
          ? t('board.summary', {
              booked: d.booked.length,
              inShop: d.checkedIn.length + d.inProgress.length,
              ready: d.ready.length,
            })
          : t('board.open')
      }
      to="/board"
    />
  );
};
