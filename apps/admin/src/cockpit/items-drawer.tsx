import { Alert, Button, Drawer, Table, Tag, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import type { CockpitItem } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { downloadCsv } from '../lib/csv.ts';

/** The rows behind a number (today's figure or a scorecard component), exportable as CSV. */
export const ItemsDrawer = ({
  title,
  items,
  truncated,
  loading,
  onClose,
  fileName,
}: {
  title: string | null;
  items: CockpitItem[];
  truncated: boolean;
  loading: boolean;
  onClose: () => void;
  fileName: string;
}) => {
  const { t } = useI18n();
  const showCounts = items.some((i) => i.counts !== null);
  const at = (i: CockpitItem) => dayjs(i.at).format('YYYY-MM-DD HH:mm');
  const columns: TableColumnsType<CockpitItem> = [
    { title: t('cockpit.items.at'), key: 'at', render: (_, i) => at(i), className: 'nowrap tabular' },
    {
      title: t('cockpit.items.customer'),
      key: 'customer',
      render: (_, i) =>
        i.kind === 'complaint' ? (
          <Link to={`/complaints/${i.id}`}>{i.customerName}</Link>
        ) : i.customerId ? (
          <Link to={`/customers/${i.customerId}`}>{i.customerName}</Link>
        ) : (
          i.customerName
        ),
    },
    { title: t('cockpit.items.plate'), dataIndex: 'plate' },
    { title: t('cockpit.items.store'), dataIndex: 'storeName' },
    { title: t('cockpit.items.staff'), dataIndex: 'staffName' },
    { title: t('cockpit.items.status'), dataIndex: 'status', render: (s: string) => <Tag>{s}</Tag> },
    ...(showCounts
      ? [
          {
            title: t('cockpit.items.counts'),
            key: 'counts',
            render: (_: unknown, i: CockpitItem) =>
              i.counts ? <Tag color="green">{t('cockpit.yes')}</Tag> : <Tag>{t('cockpit.no')}</Tag>,
          },
        ]
      : []),
  ];
  const exportRows = () =>
    downloadCsv(
      fileName,
      [
        t('cockpit.items.at'),
        t('cockpit.items.customer'),
        t('cockpit.items.plate'),
        t('cockpit.items.store'),
        t('cockpit.items.staff'),
        t('cockpit.items.status'),
        ...(showCounts ? [t('cockpit.items.counts')] : []),
      ],
      items.map((i) => [
        at(i),
        i.customerName,
        i.plate,
        i.storeName,
        i.staffName,
        i.status,
        ...(showCounts ? [i.counts ? t('cockpit.yes') : t('cockpit.no')] : []),
      ]),
    );
  return (
    <Drawer
      open={title !== null}
      title={title}
      size="large"
      onClose={onClose}
      extra={
        <Button icon={<DownloadOutlined />} onClick={exportRows} disabled={loading} data-testid="items-export">
          {t('cockpit.export')}
        </Button>
      }
    >
      {truncated && <Alert type="info" showIcon message={t('cockpit.items.truncated')} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="items-table"
      />
    </Drawer>
  );
};
