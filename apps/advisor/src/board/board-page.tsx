import { useEffect, useState } from 'react';
import { Button, CapsuleTabs, DotLoading, Tabs } from 'antd-mobile';
import { UserAddOutline } from 'antd-mobile-icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { BookingRow, VisitBoard } from '@m4s/contracts';
import { errorText, stamp } from '@m4s/web-kit';
import { LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n, type AdvisorMessageKey } from '../i18n.ts';
import { PageBar } from '../customers/page-bar.tsx';
import { CheckInSheet, type CheckInTarget } from '../visits/check-in-sheet.tsx';
import { useBoard, useStores } from '../visits/visit-api.ts';
import { useLiveState, useStoreLiveEvents } from '../visits/live-events.ts';
import { BookingCard, VisitCard } from './board-cards.tsx';
import { useCurrentStore } from './current-store.ts';
import '../customers/search.css';
import './board.css';

const columns = ['booked', 'checkedIn', 'inProgress', 'ready', 'delivered'] as const;
type Column = (typeof columns)[number];

const isColumn = (value: string | null): value is Column => columns.includes(value as Column);

const toTarget = (b: BookingRow): CheckInTarget => ({
  label: `${b.vehicle.plate ?? ''} ${b.customer.name}`.trim(),
  concerns: b.concerns,
  lastKm: null,
  bookingId: b.id,
});

/**
 * 今日看板: one store's day in five columns, as tabs on a phone, each with its count. Booked cars are
 * checked in from here; every other card opens the visit. The store's live stream keeps it current: the
 * owner's decisions, stages and bookings appear as they happen.
 */
export const BoardPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { storeId, fixed, pick } = useCurrentStore();
  const stores = useStores();
  const board = useBoard(storeId);
  useStoreLiveEvents(board.data?.storeId ?? storeId);
  const live = useLiveState();
  const [checkIn, setCheckIn] = useState<CheckInTarget | null>(null);
  const tab = isColumn(params.get('tab')) ? (params.get('tab') as Column) : 'booked';

  // A group-wide role opens the board on the first store until they pick one.
  const first = stores.data?.[0]?.id;
  useEffect(() => {
    if (!storeId && first) pick(first);
  }, [storeId, first, pick]);

  const count = (data: VisitBoard | undefined, column: Column) => data?.[column].length ?? 0;
  const body = (data: VisitBoard, column: Column) => {
    const empty = <p className="board-empty">{t(`board.empty.${column}` as AdvisorMessageKey)}</p>;
    if (column === 'booked') {
      return data.booked.length === 0
        ? empty
        : data.booked.map((b) => (
            <BookingCard
              key={b.id}
              b={b}
              onCheckIn={() => {
                // A car already in the workshop opens its visit: a second check-in could only be refused.
                const open = b.visitId ?? b.openVisitId;
                if (open) void navigate(`/visits/${open}`);
                else setCheckIn(toTarget(b));
              }}
            />
          ));
    }
    const rows = data[column];
    return rows.length === 0
      ? empty
      : rows.map((v) => <VisitCard key={v.id} v={v} onOpen={() => void navigate(`/visits/${v.id}`)} />);
  };

  return (
    <div className="sub-page board" data-testid="board" data-live={live}>
      <PageBar title={t('board.title')} />
      {!fixed && stores.data && stores.data.length > 1 && (
        <CapsuleTabs activeKey={storeId ?? undefined} onChange={pick} className="board-stores">
          {stores.data.map((s) => (
            <CapsuleTabs.Tab key={s.id} title={s.name} />
          ))}
        </CapsuleTabs>
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        className="board-tabs"
        stretch
      >
        {columns.map((column) => (
          <Tabs.Tab
            key={column}
            title={
              <span className="board-tab" data-testid={`board-tab-${column}`}>
                {t(`board.col.${column}` as AdvisorMessageKey)}
                <span className="board-count tabular" data-testid={`board-count-${column}`}>
                  {count(board.data, column)}
                </span>
              </span>
            }
          />
        ))}
      </Tabs>
      {board.data && (
        <p className="board-refreshed">
          {t(live === 'open' ? 'board.refreshed' : 'board.connecting', {
            time: stamp(new Date(board.dataUpdatedAt).toISOString()).slice(-5),
          })}
        </p>
      )}
      <div className="board-list" data-testid={`board-list-${tab}`}>
        {board.isPending && !board.isError && (
          <div className="board-empty">
            <DotLoading color="primary" />
          </div>
        )}
        {board.isError && !board.data && <LoadFailed onRetry={() => void board.refetch()} />}
        {board.isError && board.data && (
          <p className="board-error">{errorText(board.error, t('app.loadFailedHint'))}</p>
        )}
        {board.data && body(board.data, tab)}
      </div>
      <div className="board-walk-in">
        <Button
          block
          shape="rounded"
          color="primary"
          fill="outline"
          onClick={() => void navigate('/customers')}
          data-testid="board-walk-in"
        >
          <UserAddOutline /> {t('board.walkIn')}
        </Button>
        <p className="board-hint">{t('board.walkInHint')}</p>
      </div>
      <CheckInSheet target={checkIn} onClose={() => setCheckIn(null)} />
    </div>
  );
};
