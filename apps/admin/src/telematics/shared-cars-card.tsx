import { Card, Typography, type TableColumnsType } from 'antd';
import type { TelematicsCar } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { QueryTable } from '../layout/query-table.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useSharedCars } from './telematics-api.ts';

type Row = TelematicsCar & { id: string };

/** 已授权车辆: the cars whose owner consented in the owner app, their newest odometer and last reading. */
export const SharedCarsCard = () => {
  const { t, locale } = useI18n();
  const cars = useSharedCars();
  const columns: TableColumnsType<Row> = [
    { title: t('telematics.cars.plate'), dataIndex: 'plate', render: (p: string | null) => p ?? t('common.none') },
    {
      title: t('telematics.cars.vin'),
      dataIndex: 'vin',
      render: (vin: string) => <Typography.Text code>{vin}</Typography.Text>,
    },
    {
      title: t('telematics.cars.since'),
      dataIndex: 'consentSince',
      render: (at: string) => formatDateTime(at, locale),
    },
    {
      title: t('telematics.cars.km'),
      dataIndex: 'latestKm',
      align: 'right',
      render: (km: number | null) => (km === null ? t('common.none') : new Intl.NumberFormat(locale).format(km)),
    },
    {
      title: t('telematics.cars.lastReading'),
      dataIndex: 'lastReadingAt',
      render: (at: string | null) => (at ? formatDateTime(at, locale) : t('telematics.never')),
    },
  ];
  return (
    <Card title={t('telematics.cars.title', { n: cars.data?.length ?? 0 })} style={{ marginTop: 16 }}>
      <QueryTable<Row>
        query={cars}
        columns={columns}
        emptyText={t('telematics.cars.empty')}
        testId="telematics-cars"
        pageSize={10}
      />
    </Card>
  );
};
