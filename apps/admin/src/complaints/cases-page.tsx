import { useEffect, useState } from 'react';
import { Button, Segmented, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ComplaintCaseRow } from '@m4s/contracts';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useCan } from '../auth/session.ts';
import { useI18n } from '../i18n.ts';
import { actionsColumn } from '../layout/list-actions.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { QueryTable } from '../layout/query-table.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useCases, type CaseView } from './case-api.ts';
import { Countdown } from './countdown.tsx';
import { ReportsTab } from './reports-tab.tsx';

/** The wall clock, ticking each 30 s: the countdowns move between the list's refreshes. */
export const useNow = () => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
};

/**
 * 投诉与建议: the cases of the store (the group's for group staff) with the countdown of their next deadline;
 * for managers a 报表 tab beside them.
 */
export const CasesPage = () => {
  const { t } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  if (!can('complaint.manage')) return <CaseList />;
  return (
    <Tabs
      activeKey={params.get('tab') ?? 'cases'}
      onChange={(key) => setParams((p) => ({ ...Object.fromEntries(p), tab: key }), { replace: true })}
      destroyOnHidden
      items={[
        { key: 'cases', label: t('complaint.tab.cases'), children: <CaseList /> },
        { key: 'reports', label: t('complaint.tab.reports'), children: <ReportsTab /> },
      ]}
      data-testid="complaint-tabs"
    />
  );
};

const CaseList = () => {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [view, setView] = useState<CaseView>('open');
  const query = useCases(view);
  const now = useNow();
  const columns: TableColumnsType<ComplaintCaseRow> = [
    {
      title: t('complaint.cases.customer'),
      key: 'customer',
      render: (_: unknown, c) => (
        <>
          <Tag color={c.kind === 'suggestion' ? 'cyan' : 'orange'}>{t(`complaint.kind.${c.kind}`)}</Tag>
          {c.customerName} {c.plate && <Tag color="blue">{c.plate}</Tag>}
          {c.severity !== 'normal' && <Tag color="red">{t(`complaint.severity.${c.severity}`)}</Tag>}
        </>
      ),
    },
    {
      title: t('complaint.category'),
      dataIndex: 'category',
      render: (k: ComplaintCaseRow['category']) => t(`complaint.category.${k}`),
    },
    {
      title: t('complaint.stage'),
      dataIndex: 'stage',
      render: (s: ComplaintCaseRow['stage']) => t(`complaint.stage.${s}`),
    },
    {
      title: t('complaint.cases.next'),
      key: 'next',
      render: (_: unknown, c) => <Countdown complaint={c} now={now} />,
    },
    {
      title: t('complaint.cases.responsible'),
      key: 'responsible',
      render: (_: unknown, c) => (
        <>
          {c.responsible?.name ?? '—'}
          {c.escalationLevel > 0 && <Tag color="purple">{t(`complaint.level.${c.escalationLevel as 1 | 2 | 3}`)}</Tag>}
        </>
      ),
    },
    {
      title: t('complaint.channel'),
      dataIndex: 'channel',
      render: (k: ComplaintCaseRow['channel']) => t(`complaint.channel.${k}`),
    },
    {
      title: t('complaint.stage.received'),
      dataIndex: 'receivedAt',
      render: (at: string) => formatDateTime(at, locale),
    },
    actionsColumn<ComplaintCaseRow>(t('common.actions'), 110, (c) => (
      <Button type="link" onClick={() => void navigate(`/complaints/${c.id}`)} data-testid="case-open">
        {t('complaint.openCase')}
      </Button>
    )),
  ];
  return (
    <>
      <PageHeader
        title={t('complaint.cases.title')}
        subtitle={t('complaint.cases.subtitle')}
        extra={
          <Segmented<CaseView>
            value={view}
            onChange={setView}
            data-testid="case-view"
            options={(['open', 'mine', 'closed', 'all'] as const).map((v) => ({
              value: v,
              label: t(`complaint.cases.view.${v}`),
            }))}
          />
        }
      />
      <QueryTable
        query={query}
        loading={query.isFetching && !query.data}
        columns={columns}
        emptyText={t('complaint.cases.empty')}
        testId="cases-table"
        onRow={(c) => ({ 'data-testid': `case-row-${c.id}` }) as React.HTMLAttributes<HTMLElement>}
      />
    </>
  );
};
