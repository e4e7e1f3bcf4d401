import { useState } from 'react';
import { Button, Card, Drawer, Flex, Result, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { BookingRow, BookingStatus } from '@m4s/contracts';
import { stamp } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { MonthGrid, monthRange, type Month } from './month-grid.tsx';
import { useBookingStats, useDayBookings } from './service-api.ts';
import { StoreSelect, useStoreChoice } from './store-select.tsx';
import styles from './service.module.css';

const statusColours: Record<BookingStatus, string> = {
  booked: 'blue',
  arrived: 'green',
  completed: 'default',
  cancelled: 'default',
  no_show: 'red',
};

const thisMonth = (): Month => ({ year: new Date().getFullYear(), month: new Date().getMonth() });
const shift = ({ year, month }: Month, by: number): Month => {
  const d = new Date(year, month + by, 1);
  return { year: d.getFullYear(), month: d.getMonth() };
};

/** One day's bookings of the store, in slot order: who, which car, what for, with whom, from where. */
const DayDrawer = ({
  storeId,
  date,
  onClose,
}: {
  storeId: string | null;
  date: string | null;
  onClose: () => void;
}) => {
  const { t } = useI18n();
  const bookings = useDayBookings(storeId, date);
  const columns: TableColumnsType<BookingRow> = [
    {
      title: t('calendar.col.time'),
      key: 'time',
      className: 'nowrap tabular',
      render: (_, b) => `${stamp(b.startsAt).slice(-5)}–${stamp(b.endsAt).slice(-5)}`,
    },
    {
      title: t('calendar.col.customer'),
      key: 'customer',
      render: (_, b) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{b.customer.name}</Typography.Text>
          {b.customer.phone && (
            <Typography.Text type="secondary" className="tabular">
              {b.customer.phone}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('calendar.col.vehicle'),
      key: 'vehicle',
      render: (_, b) => [b.vehicle.plate, b.vehicle.modelName].filter(Boolean).join(' · ') || t('common.none'),
    },
    { title: t('calendar.col.service'), key: 'service', render: (_, b) => b.serviceType.name },
    {
      title: t('calendar.col.advisor'),
      key: 'advisor',
      className: 'nowrap',
      render: (_, b) =>
        b.advisor?.name ?? <Typography.Text type="secondary">{t('calendar.unassigned')}</Typography.Text>,
    },
    {
      title: t('calendar.col.channel'),
      dataIndex: 'channel',
      className: 'nowrap',
      render: (c: BookingRow['channel']) => t(`booking.channel.${c}`),
    },
    {
      title: t('calendar.col.status'),
      dataIndex: 'status',
      className: 'nowrap',
      render: (s: BookingStatus) => <Tag color={statusColours[s]}>{t(`booking.status.${s}`)}</Tag>,
    },
  ];
  return (
    <Drawer open={date !== null} size={900} title={date && t('calendar.dayTitle', { date })} onClose={onClose}>
      <LoadFailedAlert error={bookings.error} />
      <Table<BookingRow>
        rowKey="id"
        size="middle"
        dataSource={bookings.data}
        loading={bookings.isFetching}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('calendar.dayEmpty') }}
        data-testid="day-bookings"
      />
    </Drawer>
  );
};

/** 预约日历: a store's month of load, booked against capacity per day; a click opens the day's list. */
export const BookingCalendarPage = () => {
  const { t, locale } = useI18n();
  const can = useCan();
  const { storeId, choose } = useStoreChoice();
  const [month, setMonth] = useState<Month>(thisMonth);
  const [picked, setPicked] = useState<string | null>(null);
  const stats = useBookingStats({ storeId, ...monthRange(month) });
  if (!can('visit.read')) return <Result status="403" title={t('common.forbidden')} />;

  const title = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long' }).format(
    new Date(month.year, month.month, 1),
  );
  return (
    <>
      <PageHeader
        title={t('bookingCalendar.title')}
        subtitle={t('bookingCalendar.subtitle')}
        extra={<StoreSelect value={storeId} onChange={choose} />}
      />
      <Card
        title={
          <Space>
            <Button icon={<LeftOutlined />} onClick={() => setMonth((m) => shift(m, -1))} data-testid="month-prev" />
            <span className={styles.monthTitle} data-testid="month-title">
              {title}
            </span>
            <Button icon={<RightOutlined />} onClick={() => setMonth((m) => shift(m, 1))} data-testid="month-next" />
            <Button onClick={() => setMonth(thisMonth())}>{t('calendar.thisMonth')}</Button>
          </Space>
        }
        extra={
          <Flex className={styles.legend}>
            {(['low', 'mid', 'high'] as const).map((l) => (
              <span key={l}>
                <span className={`${styles.swatch} ${styles[l]}`} style={{ background: 'currentColor' }} />
                {t(`calendar.legend.${l}`)}
              </span>
            ))}
          </Flex>
        }
        loading={stats.isPending}
      >
        <LoadFailedAlert error={stats.error} />
        <MonthGrid month={month} days={stats.data?.days ?? []} onPick={setPicked} />
      </Card>
      <DayDrawer storeId={storeId} date={picked} onClose={() => setPicked(null)} />
    </>
  );
};
