import { useState } from 'react';
import { Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { FigureRow, IndexDimension } from '@m4s/contracts';
import { indexDimensions } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { defaultRange, FilterBar, pct, queryOf, useGroupLabel, type Filters } from './filters.tsx';
import { useFigures } from './indices-api.ts';

const score = (v: number | null, coverage: number, hint: (n: number) => string) =>
  v === null ? '—' : <Tooltip title={hint(coverage)}>{v.toFixed(0)}</Tooltip>;

/** CSAT, NPS, CSI, SSI and the gap per period and store / advisor / service type. */
export const FiguresTab = () => {
  const { t } = useI18n();
  const labelOf = useGroupLabel();
  const [filters, setFilters] = useState<Filters<IndexDimension>>(() => ({
    range: defaultRange(),
    period: 'month',
    by: 'store',
    storeId: null,
  }));
  const figures = useFigures(queryOf(filters));
  const data = figures.data;
  const coverage = (n: number) => t('indices.coverage', { n });
  const columns: TableColumnsType<FigureRow> = [
    { title: t('indices.col.period'), dataIndex: 'period', className: 'nowrap tabular' },
    {
      title: t(`indices.by.${filters.by}`),
      key: 'group',
      render: (_, r) => labelOf(filters.by, r.key, r.label),
    },
    { title: t('indices.col.responses'), dataIndex: 'responses', className: 'tabular' },
    {
      title: t('indices.col.csat'),
      key: 'csat',
      className: 'tabular',
      render: (_, r) => (
        <Tooltip title={t('indices.answers', { n: r.csatAnswers })}>
          <span data-testid="figure-csat">{pct(r.csat)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('indices.col.verySatisfied'),
      key: 'very',
      className: 'tabular',
      render: (_, r) => pct(r.verySatisfied),
    },
    {
      title: t('indices.col.nps'),
      key: 'nps',
      className: 'tabular',
      render: (_, r) => (
        <Tooltip title={t('indices.answers', { n: r.npsAnswers })}>
          <span data-testid="figure-nps">{r.nps === null ? '—' : r.nps.toFixed(1)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('indices.col.csi'),
      key: 'csi',
      className: 'tabular',
      render: (_, r) => <span data-testid="figure-csi">{score(r.csi, r.csiCoverage, coverage)}</span>,
    },
    {
      title: t('indices.col.ssi'),
      key: 'ssi',
      className: 'tabular',
      render: (_, r) => <span data-testid="figure-ssi">{score(r.ssi, r.ssiCoverage, coverage)}</span>,
    },
    {
      title: t('indices.col.gap'),
      key: 'gap',
      className: 'tabular',
      render: (_, r) => (r.gap === null ? '—' : r.gap > 0 ? `+${r.gap.toFixed(0)}` : r.gap.toFixed(0)),
    },
  ];
  const versionOf = (n: number) => (n === 0 ? t('indices.preset') : String(n));
  return (
    <>
      <FilterBar value={filters} onChange={setFilters} dimensions={indexDimensions} testId="figures-filters" />
      <LoadFailedAlert error={figures.error} />
      {data && (
        <Typography.Paragraph type="secondary">
          {t('indices.factorsUsed', {
            csi: data.csi.name,
            csiN: versionOf(data.csi.number),
            ssi: data.ssi.name,
            ssiN: versionOf(data.ssi.number),
          })}
        </Typography.Paragraph>
      )}
      <Table
        rowKey={(r) => `${r.period}|${r.key ?? ''}`}
        size="small"
        loading={figures.isFetching}
        columns={columns}
        dataSource={data?.rows ?? []}
        pagination={false}
        locale={{ emptyText: t('indices.none') }}
        onRow={(r) => ({ 'data-testid': `figure-row-${r.period}-${r.key ?? 'none'}` }) as object}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
};
