import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Flex, Row, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { ComplaintOverview, ComplaintUnitRow } from '@m4s/contracts';
import { download, errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { StoreSelect } from '../service/store-select.tsx';
import { pct, reportsExportPath, useOverview, type ReportFilters } from './reports-api.ts';
import { FirstContactCard, MonthlyCard } from './reports-summary.tsx';

const month = (d: Dayjs) => d.format('YYYY-MM');
const quarterOf = (d: Dayjs) => `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`;

const ExportButton = ({ filters }: { filters: ReportFilters }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      void message.success(t('complaint.report.exported', { name: await download(reportsExportPath(filters)) }));
    } catch (error) {
      void message.error(t('complaint.report.exportFailed', { message: errorText(error, t('common.networkError')) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void run()} data-testid="report-export">
      {t('complaint.report.export')}
    </Button>
  );
};

const UnitTable = ({ rows, title, testId }: { rows: ComplaintUnitRow[]; title: string; testId: string }) => {
  const { t } = useI18n();
  const columns: TableColumnsType<ComplaintUnitRow> = [
    { title: t('complaint.report.name'), dataIndex: 'name', render: (n: string) => n || t('complaint.report.group') },
    { title: t('complaint.report.cases'), dataIndex: 'cases', align: 'right' },
    { title: t('complaint.report.openCount'), dataIndex: 'open', align: 'right' },
    { title: t('complaint.report.overdue'), dataIndex: 'overdue', align: 'right' },
    { title: t('complaint.report.score'), dataIndex: 'score', align: 'right' },
    { title: t('complaint.report.firstContactRate'), dataIndex: 'firstContactRate', align: 'right', render: pct },
  ];
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Table rowKey={(r) => r.id ?? ''} size="small" columns={columns} dataSource={rows} pagination={false} />
    </Card>
  );
};

const OverviewCards = ({ data }: { data: ComplaintOverview }) => {
  const { t } = useI18n();
  const openColumns: TableColumnsType<ComplaintOverview['openByAge'][number]> = [
    { title: t('complaint.report.age'), dataIndex: 'age', render: (a: 'under1') => t(`complaint.report.age.${a}`) },
    { title: t('complaint.report.running'), dataIndex: 'running', align: 'right' },
    { title: t('complaint.report.warning'), dataIndex: 'warning', align: 'right' },
    { title: t('complaint.report.overdue'), dataIndex: 'overdue', align: 'right' },
    { title: t('complaint.report.total'), dataIndex: 'total', align: 'right' },
  ];
  const complianceColumns: TableColumnsType<ComplaintOverview['compliance'][number]> = [
    {
      title: t('complaint.report.deadline'),
      dataIndex: 'kind',
      render: (k: 'answer') => t(`complaint.deadline.${k}`),
    },
    { title: t('complaint.report.met'), dataIndex: 'met', align: 'right' },
    { title: t('complaint.report.late'), dataIndex: 'late', align: 'right' },
    { title: t('complaint.report.running'), dataIndex: 'running', align: 'right' },
    { title: t('complaint.report.rate'), dataIndex: 'rate', align: 'right', render: pct },
  ];
  type CauseRow = ComplaintOverview['causes']['rows'][number];
  const causeColumns: TableColumnsType<CauseRow> = [
    {
      title: t('complaint.category'),
      dataIndex: 'category',
      render: (c: CauseRow['category']) => t(`complaint.category.${c}`),
    },
    {
      title: t('complaint.cause'),
      dataIndex: 'cause',
      render: (c: CauseRow['cause']) => (c ? t(`complaint.cause.${c}`) : t('complaint.report.noCause')),
    },
    { title: t('complaint.report.count'), dataIndex: 'count', align: 'right' },
    { title: t('complaint.report.score'), dataIndex: 'score', align: 'right' },
    ...data.causes.months.map((m, i) => ({
      title: m,
      key: m,
      align: 'right' as const,
      render: (_: unknown, r: CauseRow) => r.perMonth[i] ?? 0,
    })),
  ];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('complaint.report.open')} data-testid="report-open">
          <Table rowKey="age" size="small" columns={openColumns} dataSource={data.openByAge} pagination={false} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('complaint.report.compliance')} data-testid="report-compliance">
          <Table
            rowKey="kind"
            size="small"
            columns={complianceColumns}
            dataSource={data.compliance}
            pagination={false}
          />
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={t('complaint.report.causes')} data-testid="report-causes">
          <Table
            rowKey={(r) => `${r.category}:${r.cause ?? ''}`}
            size="small"
            columns={causeColumns}
            dataSource={data.causes.rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <UnitTable rows={data.perStore} title={t('complaint.report.stores')} testId="report-stores" />
      </Col>
      <Col xs={24} lg={12}>
        <UnitTable rows={data.perHandler} title={t('complaint.report.handlers')} testId="report-handlers" />
      </Col>
    </Row>
  );
};

/** 报表: the complaint reports over a span of months, the monthly summary, the quarter's first-contact report. */
export const ReportsTab = () => {
  const { t } = useI18n();
  const [span, setSpan] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(5, 'month'), dayjs()]);
  const [monthOf, setMonthOf] = useState<Dayjs>(() => dayjs());
  const [quarter, setQuarter] = useState<Dayjs>(() => dayjs());
  const [storeId, setStoreId] = useState<string | null>(null);
  const filters: ReportFilters = {
    from: month(span[0]),
    to: month(span[1]),
    month: month(monthOf),
    quarter: quarterOf(quarter),
    ...(storeId ? { storeId } : {}),
  };
  const overview = useOverview(filters);
  return (
    <>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }} data-testid="report-filters">
        <StoreSelect value={storeId} onChange={setStoreId} allowAll />
        <Typography.Text type="secondary">{t('complaint.report.span')}</Typography.Text>
        <DatePicker.RangePicker
          picker="month"
          value={span}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setSpan([v[0], v[1]])}
          data-testid="report-span"
        />
        <Typography.Text type="secondary">{t('complaint.report.month')}</Typography.Text>
        <DatePicker picker="month" value={monthOf} allowClear={false} onChange={(v) => v && setMonthOf(v)} />
        <Typography.Text type="secondary">{t('complaint.report.quarter')}</Typography.Text>
        <DatePicker picker="quarter" value={quarter} allowClear={false} onChange={(v) => v && setQuarter(v)} />
        <ExportButton filters={filters} />
      </Flex>
      {overview.error ? <LoadFailedAlert error={overview.error} /> : null}
      {overview.data ? <OverviewCards data={overview.data} /> : null}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <MonthlyCard filters={filters} />
        </Col>
        <Col xs={24} lg={12}>
          <FirstContactCard filters={filters} />
        </Col>
      </Row>
    </>
  );
};
