import { Button, Tag } from 'antd-mobile';
import { ClockCircleOutline, RightOutline } from 'antd-mobile-icons';
import type { BookingRow, VisitRow, VisitStatus } from '@m4s/contracts';
import { stamp } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { Plate } from '../customers/vehicle-list.tsx';
import '../customers/c360.css';

/** Today's times read as 09:30; the board never spans two days. */
export const clock = (iso: string) => stamp(iso).slice(-5);

const statusColours: Record<VisitStatus, string> = {
  checked_in: 'primary',
  in_bay: 'primary',
  waiting_parts: 'warning',
  quality_check: '#7c4dff',
  ready: 'success',
  delivered: 'default',
};

/** A booking still to arrive: when, who, which car and why; 接车 opens the check-in sheet. */
export const BookingCard = ({ b, onCheckIn }: { b: BookingRow; onCheckIn: () => void }) => {
  const { t } = useI18n();
  return (
    <div className="board-card" data-testid="board-booking" data-id={b.id} data-plate={b.vehicle.plate ?? ''}>
      <div className="board-card-head">
        <span className="board-time tabular">
          {clock(b.startsAt)}–{clock(b.endsAt)}
        </span>
        <Tag color="primary" fill="outline">
          {t(`board.channel.${b.channel}`)}
        </Tag>
        <Button size="mini" color="primary" className="board-action" onClick={onCheckIn} data-testid="board-check-in">
          {b.openVisitId ? t('board.openVisit') : t('board.checkIn')}
        </Button>
      </div>
      <div className="board-car">
        <Plate plate={b.vehicle.plate} />
        <div className="board-who">
          <div className="board-name">
            {b.customer.name}
            {b.customer.phone && <span className="board-phone tabular">{b.customer.phone}</span>}
          </div>
          <div className="board-sub">{[b.vehicle.modelName, b.serviceType.name].filter(Boolean).join(' · ')}</div>
        </div>
      </div>
      {b.openVisitId && (
        <p className="board-clash" data-testid="board-in-workshop">
          {t('board.inWorkshop')}
        </p>
      )}
      {b.concerns && <p className="board-concerns">{b.concerns}</p>}
      {b.advisor && <div className="board-sub">{t('board.advisor', { name: b.advisor.name })}</div>}
    </div>
  );
};

/** A car in the shop: its stage and since when, the promised time, lines the customer still has to decide. */
export const VisitCard = ({ v, onOpen }: { v: VisitRow; onOpen: () => void }) => {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="board-card board-card-link"
      onClick={onOpen}
      data-testid="board-visit"
      data-id={v.id}
      data-plate={v.plate ?? ''}
      data-status={v.status}
    >
      <div className="board-card-head">
        <Tag color={statusColours[v.status]}>{t(`visit.status.${v.status}`)}</Tag>
        <span className="board-sub tabular">{t('board.since', { time: clock(v.statusAt) })}</span>
        <RightOutline className="board-action board-arrow" />
      </div>
      <div className="board-car">
        <Plate plate={v.plate} />
        <div className="board-who">
          <div className="board-name">{v.customerName}</div>
          <div className="board-sub">{[v.modelName, v.serviceTypeName].filter(Boolean).join(' · ')}</div>
        </div>
      </div>
      <div className="board-foot">
        {v.promisedAt && (
          <span className="board-sub">
            <ClockCircleOutline /> {t('board.promised', { time: clock(v.promisedAt) })}
          </span>
        )}
        {v.undecidedLines > 0 && (
          <Tag color="warning" fill="outline">
            {t('board.undecided', { count: v.undecidedLines })}
          </Tag>
        )}
        {v.advisorName && <span className="board-sub">{t('board.advisor', { name: v.advisorName })}</span>}
      </div>
    </button>
  );
};
