import { Card, Table, Typography, type TableColumnsType } from 'antd';
import type { CustomerOverview, Vehicle } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { yuan } from '@m4s/web-kit';
import { useNames } from './use-names.ts';
import { KeptStaffName } from './kept-staff-name.tsx';
import styles from './customer-360.module.css';

type SalesOrder = CustomerOverview['salesOrders'][number];

/** 购车记录: what the customer bought from the group, when it was handed over, and who sold it. */
export const SalesOrdersCard = ({ orders, vehicles }: { orders: SalesOrder[]; vehicles: Vehicle[] }) => {
  const { t, locale } = useI18n();
  const names = useNames();
  const cars = new Map(vehicles.map((v) => [v.id, v]));
  const none = t('common.none');

  const columns: TableColumnsType<SalesOrder> = [
    { title: t('sales.orderDate'), dataIndex: 'orderDate', className: 'nowrap' },
    {
      title: t('sales.deliveryDate'),
      dataIndex: 'deliveryDate',
      className: 'nowrap',
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('sales.notDelivered')}</Typography.Text>,
    },
    {
      title: t('sales.vehicle'),
      dataIndex: 'vehicleId',
      render: (id: string | null) => {
        const car = id ? cars.get(id) : undefined;
        if (!car) return none;
        return [car.plate, car.brandName, car.seriesName].filter(Boolean).join(' ') || car.vin;
      },
    },
    {
      title: t('sales.consultant'),
      dataIndex: 'consultantId',
      className: 'nowrap',
      render: (id: string | null, o: SalesOrder) =>
        !id && o.consultantName ? <KeptStaffName name={o.consultantName} /> : (names.staffName(id) ?? none),
    },
    {
      title: t('sales.store'),
      dataIndex: 'storeId',
      className: 'nowrap',
      render: (id: string | null) => names.storeName(id) ?? none,
    },
    {
      title: t('sales.price'),
      dataIndex: 'priceFen',
      align: 'right',
      className: 'nowrap tabular',
      render: (fen: number) => <Typography.Text strong>{yuan(fen, locale)}</Typography.Text>,
    },
  ];

  return (
    <Card title={t('sales.title')} size="small" className={styles.card} data-testid="sales-orders-card">
      <Table<SalesOrder>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={orders}
        scroll={{ x: 'max-content' }}
        pagination={false}
        locale={{ emptyText: t('sales.empty') }}
      />
    </Card>
  );
};
