import { useState } from 'react';
import {
  Card,
  Col,
  DatePicker,
  Result,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { BookingStatsDay } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { loadOf } from './month-grid.tsx';
import { useBookingStats } from './service-api.ts';
import { StoreSelect, useStoreChoice } from './store-select.tsx';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const loadColours = { closed: 'default', low: 'green', mid: 'orange', high: 'red' } as const;

/** 服务指标: how reliably bookings are kept and how long customers wait, for a store (or all) and a period. */
export const ServiceStatsPage = () => {
  const { t } = useI18n();
  const can = useCan();
  const { storeId, choose } = useStoreChoice(true);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(29, 'day'), dayjs()]);
  const stats = useBookingStats({ storeId, from: day(range[0]), to: day(range[1]) });
  if (!can('visit.read')) return <Result status="403" title={t('common.forbidden')} />;

  const s = stats.data;
  const percent = (v: number | null | undefined) => (v == null ? null : Math.round(v * 1000) / 10);
  const minutes = (v: number | null | undefined) => (v == null ? null : Math.round(v));
  const figure = (title: string, value: number | null, suffix: string, hint: string, testId: string) => (
    <Col xs={24} sm={12} xl={6}>
      <Card loading={stats.isPending}>
        <Statistic
          title={title}
          value={value ?? t('stats.noData')}
          precision={value === null ? undefined : suffix === '%' ? 1 : 0}
          suffix={value === null ? undefined : suffix}
          data-testid={testId}
        />
        <Typography.Text type="secondary">{hint}</Typography.Text>
      </Card>
    </Col>
  );

  const columns: TableColumnsType<BookingStatsDay> = [
    { title: t('closures.date'), dataIndex: 'date', className: 'nowrap tabular' },
    { title: t('stats.booked'), dataIndex: 'booked', className: 'tabular' },
    { title: t('stats.capacity'), dataIndex: 'capacity', className: 'tabular' },
    {
      title: t('stats.load'),
      key: 'load',
      render: (_, d) =>
        d.capacity > 0 ? (
          <Tag color={loadColours[loadOf(d)]}>{`${Math.round((d.booked / d.capacity) * 100)}%`}</Tag>
        ) : (
          <Tag>{t('calendar.closed')}</Tag>
        ),
    },
    { title: t('stats.cancelled'), dataIndex: 'cancelled', className: 'tabular' },
    { title: t('stats.noShow'), dataIndex: 'noShow', className: 'tabular' },
  ];

  return (
    <>
      <PageHeader
        title={t('stats.title')}
        subtitle={t('stats.subtitle')}
        extra={
          <Space wrap>
            <StoreSelect value={storeId} onChange={choose} allowAll />
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
              disabledDate={(d) => d.isAfter(dayjs().add(180, 'day'))}
              data-testid="stats-range"
            />
          </Space>
        }
      />
      <LoadFailedAlert error={stats.error} />
      <Row gutter={[16, 16]}>
        {figure(t('stats.noShowRate'), percent(s?.noShowRate), '%', t('stats.rateHint'), 'stat-no-show')}
        {figure(t('stats.cancellationRate'), percent(s?.cancellationRate), '%', t('stats.rateHint'), 'stat-cancel')}
        {figure(
          t('stats.arrivalToBay'),
          minutes(s?.avgArrivalToBayMinutes),
          t('stats.minutes'),
          t('stats.waitHint'),
          'stat-arrival-bay',
        )}
        {figure(
          t('stats.readyToPickup'),
          minutes(s?.avgReadyToPickupMinutes),
          t('stats.minutes'),
          t('stats.waitHint'),
          'stat-ready-pickup',
        )}
      </Row>
      <Card title={t('stats.daily')} style={{ marginTop: 16 }}>
        <Table<BookingStatsDay>
          rowKey="date"
          size="small"
          dataSource={s?.days}
          loading={stats.isFetching}
          columns={columns}
          pagination={{ pageSize: 31, hideOnSinglePage: true }}
          data-testid="stats-days"
        />
      </Card>
    </>
  );
};
