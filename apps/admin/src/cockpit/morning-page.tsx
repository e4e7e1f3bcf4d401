import { useMemo, useState } from 'react';
import { Breadcrumb, Button, Card, Col, Row, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { todayFigureKeys, type TodayFigureKey, type TodayRow } from '@m4s/contracts';
import { useCan } from '../auth/session.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { KpiBoard } from '../kpis/kpi-board.tsx';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { Chart } from '../lib/chart.tsx';
import { downloadCsv } from '../lib/csv.ts';
import { useToday, useTodayItems, useTrend } from './cockpit-api.ts';
import { ItemsDrawer } from './items-drawer.tsx';

const figureLabel = (k: TodayFigureKey) => `cockpit.figure.${k}` as MessageKey;

/**
 * 经营晨报, the console's home (docs/cockpit.md): today's figures for the signed-in person's reach — the group
 * per store, a store per advisor, an advisor's own — each number opening the list behind it; a row drills down
 * (kept in the URL: ?store=&advisor=); the year's trend with each month's working days and holidays.
 */
export const MorningPage = () => {
  const { t } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const query = {
    ...(params.get('store') ? { storeId: params.get('store')! } : {}),
    ...(params.get('advisor') ? { advisorId: params.get('advisor')! } : {}),
  };
  const today = useToday(query);
  const trend = useTrend(query);
  const [figure, setFigure] = useState<TodayFigureKey | null>(null);
  const items = useTodayItems(query, figure);
  const d = today.data;

  const drill = (row: TodayRow) => {
    if (!d || row.key === 'none') return;
    if (d.level === 'group') setParams({ store: row.key });
    else if (d.level === 'store' && d.storeId) setParams({ store: d.storeId, advisor: row.key });
  };
  const what = t(d?.level === 'group' ? 'cockpit.rows.store' : 'cockpit.rows.advisor');
  const columns: TableColumnsType<TodayRow> = [
    {
      title: what,
      dataIndex: 'label',
      render: (label: string, row) =>
        row.key === 'none' ? label : <Typography.Link data-testid={`drill-${label}`}>{label}</Typography.Link>,
    },
    ...todayFigureKeys.map((k) => ({ title: t(figureLabel(k)), dataIndex: k, className: 'tabular' })),
  ];
  const exportRows = () =>
    d &&
    downloadCsv(
      `morning-${d.day}.csv`,
      [what, ...todayFigureKeys.map((k) => t(figureLabel(k)))],
      [
        ...d.rows.map((r) => [r.label, ...todayFigureKeys.map((k) => r[k])]),
        [t('cockpit.group'), ...todayFigureKeys.map((k) => d.totals[k])],
      ],
    );

  const trendOption = useMemo(() => {
    const months = trend.data?.months ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('cockpit.series.carsIn'), t('cockpit.series.delivered'), t('cockpit.series.bookings')] },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('cockpit.series.carsIn'), type: 'line', smooth: true, data: months.map((m) => m.carsIn) },
        { name: t('cockpit.series.delivered'), type: 'line', smooth: true, data: months.map((m) => m.delivered) },
        { name: t('cockpit.series.bookings'), type: 'bar', data: months.map((m) => m.bookings) },
      ],
    };
  }, [trend.data, t]);
  const rowsOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('cockpit.figure.carsIn'), t('cockpit.figure.waiting'), t('cockpit.figure.ready')] },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: (d?.rows ?? []).map((r) => r.label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: (['carsIn', 'waiting', 'ready'] as const).map((k) => ({
        name: t(figureLabel(k)),
        type: 'bar',
        data: (d?.rows ?? []).map((r) => r[k]),
      })),
    }),
    [d, t],
  );
  const season = (trend.data?.months ?? []).filter((m) => m.holidays.length > 0).slice(-4);

  const subtitle = !d
    ? undefined
    : d.level === 'group'
      ? t('cockpit.subtitle.group')
      : d.level === 'store'
        ? t('cockpit.subtitle.store', { store: d.storeName ?? '' })
        : t('cockpit.subtitle.advisor', { name: d.advisorName ?? '' });

  return (
    <>
      <PageHeader
        title={t('cockpit.title')}
        subtitle={subtitle}
        extra={
          <Space>
            {d && <Typography.Text type="secondary">{t('cockpit.day', { day: d.day })}</Typography.Text>}
            <Button icon={<DownloadOutlined />} onClick={exportRows} disabled={!d} data-testid="morning-export">
              {t('cockpit.export')}
            </Button>
          </Space>
        }
      />
      {today.isError && <LoadFailedAlert error={today.error} />}
      {d && d.level !== 'group' && (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={[
            { title: <a onClick={() => setParams({})}>{t('cockpit.group')}</a> },
            ...(d.storeId ? [{ title: <a onClick={() => setParams({ store: d.storeId! })}>{d.storeName}</a> }] : []),
            ...(d.advisorName ? [{ title: d.advisorName }] : []),
          ]}
        />
      )}
      <Row gutter={[12, 12]}>
        {todayFigureKeys.map((k) => (
          <Col key={k} flex="1 0 150px">
            <Card hoverable loading={today.isPending} onClick={() => setFigure(k)} data-testid={`figure-${k}`}>
              <Statistic title={t(figureLabel(k))} value={d?.totals[k] ?? 0} />
            </Card>
          </Col>
        ))}
      </Row>
      {d && can('kpi.read') && (
        // Chapter 7's KPIs of the scope on screen (group, the store, the advisor), against their targets.
        <Card title={t('cockpit.kpiBoard')} style={{ marginTop: 12 }} data-testid="morning-kpis">
          <KpiBoard
            key={`${d.storeId ?? ''}:${d.advisorId ?? ''}`}
            storeId={d.storeId ?? undefined}
            advisorId={d.level === 'advisor' ? (d.advisorId ?? undefined) : undefined}
          />
        </Card>
      )}
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={14}>
          <Card title={t('cockpit.trend')} loading={trend.isPending}>
            <Chart option={trendOption} testId="trend-chart" />
            {season.length > 0 && (
              <Typography.Paragraph
                type="secondary"
                style={{ marginTop: 8, marginBottom: 0 }}
                data-testid="season-note"
              >
                {t('cockpit.season')}：
                {season
                  .map(
                    (m) =>
                      t('cockpit.season.month', { month: m.month, days: m.workingDays }) +
                      t('cockpit.season.holidays', { names: m.holidays.join('、') }) +
                      (m.holidays.includes('春节') ? t('cockpit.season.spring') : ''),
                  )
                  .join('；')}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
        {d && d.level !== 'advisor' && (
          <Col xs={24} xl={10}>
            <Card title={t('cockpit.byRow', { what })}>
              <Chart option={rowsOption} testId="rows-chart" />
            </Card>
          </Col>
        )}
      </Row>
      {d && d.level !== 'advisor' && (
        <Card style={{ marginTop: 12 }}>
          <Table
            rowKey="key"
            size="small"
            columns={columns}
            dataSource={d.rows}
            pagination={false}
            onRow={(row) => ({ onClick: () => drill(row), style: { cursor: 'pointer' } })}
            data-testid="morning-rows"
          />
        </Card>
      )}
      <ItemsDrawer
        title={figure ? t('cockpit.items.title', { figure: t(figureLabel(figure)) }) : null}
        items={items.data?.items ?? []}
        truncated={items.data?.truncated ?? false}
        loading={items.isFetching}
        onClose={() => setFigure(null)}
        fileName={`${figure ?? 'items'}-${d?.day ?? ''}.csv`}
      />
    </>
  );
};
