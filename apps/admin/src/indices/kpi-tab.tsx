import { useState } from 'react';
import { App, Button, Card, List, Table, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { kpiDimensions, type KpiDimension, type KpiRow } from '@m4s/contracts';
import { download, errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { defaultRange, FilterBar, pct, queryOf, useGroupLabel, type Filters } from './filters.tsx';
import { kpiExportPath, useKpis } from './indices-api.ts';

/** 导出Excel of the KPIs as filtered (the server audits it). */
const ExportButton = ({ path }: { path: string }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      void message.success(t('indices.kpi.exported', { name: await download(path) }));
    } catch (error) {
      void message.error(t('indices.kpi.exportFailed', { message: errorText(error, t('common.networkError')) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void run()} data-testid="kpi-export">
      {t('indices.kpi.export')}
    </Button>
  );
};

/** The follow-up KPIs of ch3-4 §5 per period and store / agent / advisor; the reasons ranked. */
export const KpiTab = () => {
  const { t } = useI18n();
  const labelOf = useGroupLabel();
  const [filters, setFilters] = useState<Filters<KpiDimension>>(() => ({
    range: defaultRange(),
    period: 'month',
    by: 'store',
    storeId: null,
  }));
  const query = queryOf(filters);
  const kpis = useKpis(query);
  const data = kpis.data;
  const n = (key: keyof KpiRow) => ({ dataIndex: key, className: 'tabular' });
  const rate = (
    key:
      | 'followUpRate'
      | 'connectionRate'
      | 'recordAccuracy'
      | 'satisfactionRate'
      | 'verySatisfiedRate'
      | 'recoveryOnTimeRate',
  ) => ({
    key,
    className: 'tabular',
    render: (_: unknown, r: KpiRow) => <span data-testid={`kpi-${key}`}>{pct(r[key])}</span>,
  });
  const columns: TableColumnsType<KpiRow> = [
    { title: t('indices.col.period'), dataIndex: 'period', className: 'nowrap tabular' },
    { title: t(`indices.by.${filters.by}`), key: 'group', render: (_, r) => labelOf(filters.by, r.key, r.label) },
    { title: t('indices.kpi.due'), ...n('callsDue') },
    { title: t('indices.kpi.completed'), ...n('callsCompleted') },
    { title: t('indices.kpi.followUpRate'), ...rate('followUpRate') },
    { title: t('indices.kpi.attempts'), ...n('attempts') },
    { title: t('indices.kpi.connectionRate'), ...rate('connectionRate') },
    { title: t('indices.kpi.wrongNumbers'), ...n('wrongNumbers') },
    { title: t('indices.kpi.recordAccuracy'), ...rate('recordAccuracy') },
    { title: t('indices.kpi.successful'), ...n('successful') },
    { title: t('indices.kpi.satisfactionRate'), ...rate('satisfactionRate') },
    { title: t('indices.kpi.verySatisfiedRate'), ...rate('verySatisfiedRate') },
    {
      title: t('indices.kpi.productivity'),
      key: 'productivity',
      className: 'tabular',
      render: (_, r) => (r.productivity === null ? '—' : r.productivity.toFixed(1)),
    },
    { title: t('indices.kpi.recoveryClosed'), ...n('recoveryClosed') },
    { title: t('indices.kpi.recoveryOnTimeRate'), ...rate('recoveryOnTimeRate') },
  ];
  return (
    <>
      <FilterBar value={filters} onChange={setFilters} dimensions={kpiDimensions} testId="kpi-filters" />
      <LoadFailedAlert error={kpis.error} />
      {data && (
        <Typography.Paragraph type="secondary">
          {t('indices.kpi.targets', {
            follow: data.targets.followUpRate,
            sat: data.targets.satisfactionRate,
            prod: data.targets.productivity,
          })}
        </Typography.Paragraph>
      )}
      <div style={{ marginBottom: 12 }}>
        <ExportButton path={kpiExportPath(query)} />
      </div>
      <Table
        rowKey={(r) => `${r.period}|${r.key ?? ''}`}
        size="small"
        loading={kpis.isFetching}
        columns={columns}
        dataSource={data?.rows ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <Card title={t('indices.kpi.reasons')} size="small" style={{ marginTop: 16 }}>
        <List
          size="small"
          dataSource={data?.reasons ?? []}
          locale={{ emptyText: t('indices.kpi.noReasons') }}
          renderItem={(r, i) => (
            <List.Item data-testid={`kpi-reason-${r.reason}`}>
              <span>
                {i + 1}. {r.label}
              </span>
              <span className="tabular">
                {r.count} · {r.share.toFixed(1)}%
              </span>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
};
