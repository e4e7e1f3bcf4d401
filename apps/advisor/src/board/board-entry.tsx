import { useNavigate } from 'react-router-dom';
import { CalendarOutline, RightOutline } from 'antd-mobile-icons';
import { useI18n } from '../i18n.ts';
import { useBoard } from '../visits/visit-api.ts';
import { useCurrentStore } from './current-store.ts';
import './board.css';

/** The home screen's way onto today's board, with the day at a glance (booked, in the shop, ready). */
export const BoardEntry = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { storeId } = useCurrentStore();
  const board = useBoard(storeId);
  const d = board.data;
  return (
    <section className="home-section" data-testid="section-bookings">
      <button type="button" className="board-entry" onClick={() => void navigate('/board')} data-testid="open-board">
        <span className="home-section-icon">
          <CalendarOutline />
        </span>
        <span className="board-entry-text">
          <span className="home-section-title">{t('home.todayBookings')}</span>
          <span className="home-section-hint" data-testid="board-summary">
            {d
              ? t('board.summary', {
                  booked: d.booked.length,
                  inShop: d.checkedIn.length + d.inProgress.length,
                  ready: d.ready.length,
                })
              : t('board.open')}
          </span>
        </span>
        <RightOutline className="board-entry-arrow" />
      </button>
    </section>
  );
};
