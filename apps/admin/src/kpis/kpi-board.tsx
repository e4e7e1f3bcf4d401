import { useState } from 'react';
import { Button, DatePicker, Flex, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { kpiDefinition, type KpiFigure } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { KpiDrill } from './kpi-drill.tsx';
import { useKpiBoard } from './kpis-api.ts';
import { useKpiText } from './format.ts';

/** The change against an earlier figure, coloured by the KPI's direction (better green, worse red). */
const Delta = ({ id, now, then }: { id: string; now: number | null; then: number | null }) => {
  const text = useKpiText();
  if (then === null) return <>—</>;
  const diff = now === null ? null : Math.round((now - then) * 100) / 100;
  const better = diff === null || diff === 0 ? null : diff > 0 === (kpiDefinition(id)?.direction === 'higher');
  return (
    <span className="tabular">
      {text.value(id, then)}
      {diff !== null && diff !== 0 && (
        <Typography.Text type={better ? 'success' : 'danger'} style={{ marginLeft: 6 }}>
          {diff > 0 ? '▲' : '▼'}
          {Math.abs(diff).toFixed(2)}
        </Typography.Text>
      )}
    </span>
  );
};

/**
 * The period's KPIs against their targets, with the month before and the same month a year ago; every
 * number opens its drill-down (group → store → advisor → the customers). For the admin console's home.
 */
export const KpiBoard = ({ storeId, advisorId }: { storeId?: string; advisorId?: string }) => {
  const { t } = useI18n();
  const text = useKpiText();
  const [month, setMonth] = useState<string | undefined>();
  const [drill, setDrill] = useState<string | null>(null);
  const board = useKpiBoard({ month, storeId, advisorId });
  const columns: TableColumnsType<KpiFigure> = [
    {
      title: t('kpis.col.kpi'),
      key: 'kpi',
      render: (_, r) => {
        const def = kpiDefinition(r.id)!;
        return (
          <Tooltip title={`${text.formula(r.id)} · ${def.line}`}>
            <span>{text.name(r.id)}</span>
            {def.stage !== 'all' && (
              <Tag style={{ marginLeft: 6 }} color="geekblue">
                {t(`kpis.stage.${def.stage}`)}
              </Tag>
            )}
          </Tooltip>
        );
      },
    },
    {
      title: t('kpis.col.actual'),
      key: 'actual',
      className: 'tabular',
      render: (_, r) =>
        kpiDefinition(r.id)?.source === 'indices' ? (
          <Link to="/indices" data-testid={`kpi-actual-${r.id}`}>
            {text.value(r.id, r.actual)}
          </Link>
        ) : (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => setDrill(r.id)}
            data-testid={`kpi-actual-${r.id}`}
          >
            {text.value(r.id, r.actual)}
          </Button>
        ),
    },
    {
      title: t('kpis.col.target'),
      key: 'target',
      className: 'tabular',
      render: (_, r) => (
        <>
          {r.target === null
            ? '—'
            : `${kpiDefinition(r.id)?.direction === 'lower' ? '≤' : '≥'} ${text.value(r.id, r.target)}`}
          {r.meets !== null && (
            <Tag style={{ marginLeft: 6 }} color={r.meets ? 'green' : 'red'} data-testid={`kpi-meets-${r.id}`}>
              {t(r.meets ? 'kpis.meets' : 'kpis.misses')}
            </Tag>
          )}
        </>
      ),
    },
    {
      title: t('kpis.col.previous'),
      key: 'previous',
      render: (_, r) => <Delta id={r.id} now={r.actual} then={r.previous} />,
    },
    {
      title: t('kpis.col.lastYear'),
      key: 'lastYear',
      render: (_, r) => <Delta id={r.id} now={r.actual} then={r.lastYear} />,
    },
    {
      title: t('kpis.col.plans'),
      key: 'plans',
      render: (_, r) =>
        r.plans.map((p) => (
          <Tooltip key={p.id} title={`${p.ownerName} · ${p.startsOn} – ${p.dueOn}`}>
            <Tag color="orange">
              {p.title} · {t(`kpis.plan.${p.status}`)}
            </Tag>
          </Tooltip>
        )),
    },
  ];
  const asOf = board.data?.items.find((i) => i.asOf)?.asOf;
  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <DatePicker
          picker="month"
          allowClear
          value={month ? dayjs(`${month}-01`) : null}
          onChange={(d) => setMonth(d ? d.format('YYYY-MM') : undefined)}
          placeholder={board.data?.month}
          data-testid="kpi-month"
        />
        <Typography.Text type="secondary">
          {asOf ? t('kpis.asOf', { day: asOf }) : ''} {t('kpis.seasonality')}
        </Typography.Text>
      </Flex>
      <LoadFailedAlert error={board.error} />
      <Table
        rowKey="id"
        size="small"
        loading={board.isFetching}
        columns={columns}
        dataSource={board.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="kpi-board"
      />
      {drill && (
        <KpiDrill kpi={drill} month={month} storeId={storeId} advisorId={advisorId} onClose={() => setDrill(null)} />
      )}
    </>
  );
};
