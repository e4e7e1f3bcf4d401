import { useState } from 'react';
import { App, Breadcrumb, Button, Drawer, Segmented, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { kpiDefinition, type KpiDrillRow } from '@m4s/contracts';
import { download, errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { drillExportPath, useKpiBreakdown, useKpiDrill } from './kpis-api.ts';
import { useKpiText } from './format.ts';

type Level = { by: 'store' | 'advisor' | 'age' | 'loyalty' | 'customers'; storeId?: string; advisorId?: string };
type Crumb = { label: string; level: Level };
type Props = { kpi: string; month?: string; storeId?: string; advisorId?: string; onClose: () => void };

const ExportButton = ({ path }: { path: string }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      void message.success(t('kpis.drill.exported', { name: await download(path) }));
    } catch (error) {
      void message.error(errorText(error, t('common.networkError')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void run()} data-testid="kpi-drill-export">
      {t('kpis.drill.export')}
    </Button>
  );
};

/** One level of the breakdown: each row's value; a store or advisor row opens the next level. */
const BreakdownTable = ({
  kpi,
  month,
  level,
  open,
}: {
  kpi: string;
  month?: string;
  level: Level;
  open: (key: string, label: string) => void;
}) => {
  const { t } = useI18n();
  const text = useKpiText();
  const by = level.by === 'customers' ? 'store' : level.by;
  const data = useKpiBreakdown(kpi, { month, by, storeId: level.storeId });
  const segment = by === 'age' || by === 'loyalty';
  const label = (key: string, l: string | null) =>
    by === 'age'
      ? t('kpis.age', { n: key === '10' ? '10+' : key === '-1' ? '?' : String(Number(key) + 1) })
      : by === 'loyalty'
        ? t(`kpis.loyalty.${key}` as 'kpis.loyalty.loyal')
        : (l ?? t('kpis.unassigned'));
  const columns: TableColumnsType<{
    key: string;
    label: string | null;
    actual: number | null;
    numerator: number;
    denominator: number;
    share: number | null;
  }> = [
    { title: t(`kpis.by.${by}`), key: 'label', render: (_, r) => label(r.key, r.label) },
    {
      title: text.name(kpi),
      key: 'actual',
      className: 'tabular',
      render: (_, r) => <span data-testid={`kpi-row-${r.key}`}>{text.value(kpi, r.actual)}</span>,
    },
    { title: t('kpis.col.numerator'), dataIndex: 'numerator', className: 'tabular' },
    { title: t('kpis.col.denominator'), dataIndex: 'denominator', className: 'tabular' },
    ...(segment
      ? [
          {
            title: t('kpis.col.share'),
            key: 'share',
            className: 'tabular',
            render: (_: unknown, r: { share: number | null }) => (r.share === null ? '—' : `${r.share.toFixed(2)}%`),
          },
        ]
      : []),
  ];
  return (
    <>
      <LoadFailedAlert error={data.error} />
      {data.data && (
        <Typography.Paragraph>
          {t('kpis.drill.total')}: <b data-testid="kpi-drill-total">{text.value(kpi, data.data.total.actual)}</b> (
          {data.data.total.numerator} / {data.data.total.denominator})
        </Typography.Paragraph>
      )}
      <Table
        rowKey="key"
        size="small"
        loading={data.isFetching}
        columns={columns}
        dataSource={data.data?.rows ?? []}
        pagination={false}
        onRow={(r) =>
          segment ? {} : { onClick: () => open(r.key, label(r.key, r.label)), style: { cursor: 'pointer' } }
        }
      />
      {segment && <Typography.Paragraph type="secondary">{t('kpis.drill.segmentNote')}</Typography.Paragraph>}
    </>
  );
};

/** The customers (or repair orders) behind the number, paged, masked as the customer list is. */
const CustomerTable = ({ kpi, month, level }: { kpi: string; month?: string; level: Level }) => {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const scope = { month, storeId: level.storeId, advisorId: level.advisorId };
  const data = useKpiDrill(kpi, { ...scope, page, pageSize: 20 });
  const visits = kpiDefinition(kpi)?.source === 'visits';
  const columns: TableColumnsType<KpiDrillRow> = [
    { title: t('kpis.col.customer'), dataIndex: 'name' },
    { title: t('kpis.col.phone'), dataIndex: 'phone', className: 'tabular' },
    { title: t('kpis.by.store'), dataIndex: 'storeName' },
    { title: t('kpis.by.advisor'), dataIndex: 'advisorName' },
    {
      title: t('kpis.col.counted'),
      key: 'counted',
      render: (_, r) =>
        r.counted ? <Tag color="blue">{t('kpis.counted.yes')}</Tag> : <Tag>{t('kpis.counted.no')}</Tag>,
    },
    ...(visits
      ? [
          { title: t('kpis.col.order'), dataIndex: 'orderNumber' },
          {
            title: t('kpis.col.amount'),
            key: 'amount',
            className: 'tabular',
            render: (_: unknown, r: KpiDrillRow) => (r.amountYuan === null ? '—' : `¥${r.amountYuan.toFixed(2)}`),
          },
          { title: t('kpis.col.day'), dataIndex: 'lastVisitOn', className: 'tabular' },
        ]
      : [
          { title: t('kpis.col.visits'), dataIndex: 'visits', className: 'tabular' },
          { title: t('kpis.col.maintenance'), dataIndex: 'maintenanceVisits', className: 'tabular' },
          { title: t('kpis.col.lastVisit'), dataIndex: 'lastVisitOn', className: 'tabular' },
        ]),
  ];
  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <ExportButton path={drillExportPath(kpi, scope)} />
      </div>
      <LoadFailedAlert error={data.error} />
      <Table
        rowKey={(r) => `${r.customerId}|${r.orderNumber ?? ''}`}
        size="small"
        loading={data.isFetching}
        columns={columns}
        dataSource={data.data?.items ?? []}
        data-testid="kpi-drill-customers"
        pagination={{
          current: page,
          pageSize: 20,
          total: data.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => t('kpis.drill.count', { n }),
        }}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
};

/** The drill-down of one KPI number: group → store → advisor → the customers behind it. */
export const KpiDrill = ({ kpi, month, storeId, advisorId, onClose }: Props) => {
  const { t } = useI18n();
  const text = useKpiText();
  const start: Level = advisorId
    ? { by: 'customers', storeId, advisorId }
    : storeId
      ? { by: 'advisor', storeId }
      : { by: 'store' };
  const [trail, setTrail] = useState<Crumb[]>([
    { label: t(storeId ? 'kpis.drill.store' : 'kpis.drill.group'), level: start },
  ]);
  const level = trail.at(-1)!.level;
  const open = (key: string, label: string) =>
    setTrail((all) => [
      ...all,
      level.by === 'store'
        ? { label, level: { by: 'advisor', storeId: key } }
        : { label, level: { by: 'customers', storeId: level.storeId, advisorId: key } },
    ]);
  const topBy = trail.length === 1 && !storeId && level.by !== 'customers';
  return (
    <Drawer open width={960} title={`${text.name(kpi)} · ${t('kpis.drill.title')}`} onClose={onClose} destroyOnClose>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={trail.map((c, i) => ({
          title:
            i < trail.length - 1 ? (
              <a onClick={() => setTrail((all) => all.slice(0, i + 1))}>{c.label}</a>
            ) : (
              <span data-testid="kpi-drill-level">{c.label}</span>
            ),
        }))}
      />
      <Typography.Paragraph type="secondary">{text.formula(kpi)}</Typography.Paragraph>
      {topBy && kpiDefinition(kpi)?.source === 'customers' && (
        <Segmented
          style={{ marginBottom: 12 }}
          value={level.by}
          onChange={(by) => setTrail([{ label: t('kpis.drill.group'), level: { by: by } }])}
          options={(['store', 'age', 'loyalty'] as const).map((b) => ({ value: b, label: t(`kpis.by.${b}`) }))}
        />
      )}
      {level.by === 'customers' ? (
        <CustomerTable kpi={kpi} month={month} level={level} />
      ) : (
        <BreakdownTable kpi={kpi} month={month} level={level} open={open} />
      )}
    </Drawer>
  );
};
