import { useState } from 'react';
import { Card, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { segmentRoutes, type SegmentCustomer } from '@m4s/contracts';
import { api } from '@m4s/web-kit';
import { useI18n, type MessageKey } from '../i18n.ts';
import { ExcelExportButton } from '../imports/export-button.tsx';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { useSegmentCustomers, type SegmentPick } from './segments-api.ts';

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 0 });

/** 导出Excel for one class: the customer export's sheet (audited). */
const ExportButton = ({ pick }: { pick: SegmentPick }) => (
  <ExcelExportButton
    url={api.href(segmentRoutes.exportCustomers, { query: { dimension: pick.dimension, value: pick.value } })}
    testId="segment-export"
  />
);

/** The customers of the class picked on the overview, highest lifetime value first (phones masked). */
export const SegmentCustomers = ({ pick }: { pick: SegmentPick }) => {
  const { t } = useI18n();
  const [page, setPage] = useState({ pick, page: 1, pageSize: 20 });
  // A new pick starts again at page 1.
  const current = page.pick === pick ? page : { pick, page: 1, pageSize: page.pageSize };
  const list = useSegmentCustomers(pick, current.page, current.pageSize);

  const columns: TableColumnsType<SegmentCustomer> = [
    {
      title: t('segments.col.name'),
      dataIndex: 'name',
      render: (name: string, row) => <Link to={`/customers/${row.id}`}>{name}</Link>,
    },
    {
      title: t('segments.col.phone'),
      dataIndex: 'phone',
      className: 'nowrap tabular',
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('segments.col.plates'),
      dataIndex: 'plates',
      render: (plates: string[]) => (plates.length ? plates.join('、') : t('common.none')),
    },
    {
      title: t('segments.col.lastVisit'),
      dataIndex: 'lastVisitOn',
      className: 'nowrap tabular',
      render: (v: string | null) => v ?? t('common.none'),
    },
    { title: t('segments.col.visits'), dataIndex: 'visits12m', className: 'tabular', align: 'right' },
    {
      title: t('segments.col.spend'),
      dataIndex: 'spend12mFen',
      className: 'tabular',
      align: 'right',
      render: (fen: number) => yuan(fen),
    },
    {
      title: t('segments.col.clv'),
      dataIndex: 'clvFen',
      className: 'tabular',
      align: 'right',
      render: (fen: number) => yuan(fen),
    },
  ];

  return (
    <Card
      title={t('segments.customersOf', {
        dimension: t(`segments.dim.${pick.dimension}` as MessageKey),
        value: t(`segments.class.${pick.dimension}.${pick.value}` as MessageKey),
      })}
      extra={<ExportButton pick={pick} />}
      data-testid="segment-customers"
    >
      <LoadFailedAlert error={list.error} />
      <Typography.Text type="secondary">{t('segments.count', { n: list.data?.total ?? 0 })}</Typography.Text>
      <Table<SegmentCustomer>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        locale={{ emptyText: t('segments.empty') }}
        pagination={{
          current: current.page,
          pageSize: current.pageSize,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: (p, size) => setPage({ pick, page: p, pageSize: size }),
        }}
        data-testid="segment-customers-table"
      />
    </Card>
  );
};
