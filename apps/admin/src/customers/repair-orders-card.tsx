import { Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { RepairOrder, Vehicle } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { dayOf, km, yuan } from '@m4s/web-kit';
import { useNames } from './use-names.ts';
import styles from './customer-360.module.css';

type Line = RepairOrder['lines'][number];

const typeColours: Record<RepairOrder['type'], string> = {
  maintenance: 'green',
  general_repair: 'blue',
  accident: 'red',
  warranty_claim: 'purple',
  campaign: 'orange',
};

/** The order opened up: who did it, labour against parts, then every line. */
const OrderDetail = ({ order }: { order: RepairOrder }) => {
  const { t, locale } = useI18n();
  const names = useNames();
  const lines = order.lines;
  // The advisor: a staff member, or the name an imported file gave when no staff member had it.
  const advisor = order.advisorId
    ? names.staffName(order.advisorId)
    : order.advisorName && `${order.advisorName}${t('customer.staffUnmatched')}`;
  const columns: TableColumnsType<Line> = [
    {
      title: t('repair.line.kind'),
      dataIndex: 'kind',
      width: 70,
      render: (kind: Line['kind']) => (
        <Tag color={kind === 'labour' ? 'geekblue' : 'gold'}>{t(`repair.line.${kind}`)}</Tag>
      ),
    },
    { title: t('repair.line.description'), dataIndex: 'description' },
    {
      title: t('repair.line.partNo'),
      dataIndex: 'partNo',
      className: 'nowrap',
      render: (v: string | null) => v ?? '',
    },
    { title: t('repair.line.quantity'), dataIndex: 'quantity', align: 'right', width: 70 },
    {
      title: t('repair.line.hours'),
      dataIndex: 'labourHours',
      align: 'right',
      width: 70,
      render: (v: number | null) => v ?? '',
    },
    {
      title: t('repair.line.amount'),
      dataIndex: 'amountFen',
      align: 'right',
      className: 'nowrap tabular',
      render: (fen: number) => yuan(fen, locale),
    },
  ];
  const facts = [
    order.dateOut && `${t('repair.dateOut')}${t('common.colon')}${dayOf(order.dateOut)}`,
    advisor && `${t('repair.advisor')}${t('common.colon')}${advisor}`,
    order.technician && `${t('repair.technician')}${t('common.colon')}${order.technician}`,
    `${t('repair.labour')}${t('common.colon')}${yuan(order.labourFen, locale)}`,
    `${t('repair.parts')}${t('common.colon')}${yuan(order.partsFen, locale)}`,
  ].filter(Boolean);
  return (
    <div data-testid={`repair-detail-${order.number}`}>
      <Typography.Text type="secondary" className={styles.orderFacts}>
        {facts.join(' · ')}
      </Typography.Text>
      <Table<Line>
        size="small"
        rowKey={(_, i) => String(i)}
        columns={columns}
        dataSource={lines}
        pagination={false}
        data-testid="repair-lines"
      />
    </div>
  );
};

type Props = { orders: RepairOrder[]; vehicles: Vehicle[] };

/** 维修档案: every repair order of this customer, newest first, with its labour and parts lines on demand. */
export const RepairOrdersCard = ({ orders, vehicles }: Props) => {
  const { t, locale } = useI18n();
  const plates = new Map(vehicles.map((v) => [v.id, v.plate ?? v.vin]));
  const total = orders.reduce((sum, o) => sum + o.totalFen, 0);
  const money = (fen: number) => yuan(fen, locale);

  const columns: TableColumnsType<RepairOrder> = [
    { title: t('repair.number'), dataIndex: 'number', className: 'nowrap tabular' },
    {
      title: t('repair.type'),
      dataIndex: 'type',
      className: 'nowrap',
      render: (type: RepairOrder['type']) => <Tag color={typeColours[type]}>{t(`repair.type.${type}`)}</Tag>,
    },
    { title: t('repair.dateIn'), dataIndex: 'dateIn', className: 'nowrap', render: (v: string) => dayOf(v) },
    {
      title: t('repair.vehicle'),
      dataIndex: 'vehicleId',
      className: 'nowrap',
      // A car since transferred away is not in the list; its order stays in this customer's history.
      render: (id: string) => plates.get(id) ?? t('common.none'),
    },
    {
      title: t('repair.mileage'),
      dataIndex: 'mileageKm',
      align: 'right',
      className: 'nowrap tabular',
      render: (v: number | null) => (v === null ? t('common.none') : t('vehicle.km', { km: km(v, locale) })),
    },
    {
      title: t('repair.total'),
      dataIndex: 'totalFen',
      align: 'right',
      className: 'nowrap tabular',
      render: (fen: number) => <Typography.Text strong>{money(fen)}</Typography.Text>,
    },
  ];

  return (
    <Card
      title={t('repair.title')}
      size="small"
      className={styles.card}
      data-testid="repair-orders-card"
      extra={
        orders.length > 0 && (
          <Typography.Text type="secondary">
            {t('repair.count', { count: orders.length, total: money(total) })}
          </Typography.Text>
        )
      }
    >
      <Table<RepairOrder>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={orders}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('repair.empty') }}
        expandable={{ expandedRowRender: (o) => <OrderDetail order={o} />, rowExpandable: (o) => o.lines.length > 0 }}
        data-testid="repair-orders"
      />
    </Card>
  );
};
