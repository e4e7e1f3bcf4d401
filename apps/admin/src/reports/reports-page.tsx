import { useState } from 'react';
import { App, Button, DatePicker, Result, Space, Table, Tag, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { MonthlyReport } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { PageHeader } from '../layout/page-header.tsx';
import { ReportSubscriptions } from './report-subscriptions.tsx';
import { reportFileHref, useGenerate, useReports } from './reports-api.ts';

/** 月度报告 (docs/reports.md): months × stores, both files, generating a month now, my subscriptions. */
export const ReportsPage = () => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const reports = useReports();
  const generate = useGenerate();
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  if (!can('kpi.read')) return <Result status="403" title={t('common.forbidden')} />;
  const columns: TableColumnsType<MonthlyReport> = [
    { title: t('reports.col.month'), dataIndex: 'month', key: 'month' },
    { title: t('reports.col.scope'), key: 'scope', render: (_, r) => r.storeName ?? t('reports.group') },
    {
      title: t('reports.col.offTarget'),
      key: 'off',
      render: (_, r) => <Tag color={r.offTarget > 0 ? 'red' : 'green'}>{r.offTarget}</Tag>,
    },
    {
      title: t('reports.col.generatedAt'),
      key: 'at',
      render: (_, r) => dayjs(r.generatedAt).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('reports.col.generatedBy'),
      key: 'by',
      render: (_, r) => (
        <Space size={4}>
          {r.generatedBy ? t('reports.byPerson', { name: r.generatedBy }) : t('reports.nightly')}
          {r.sentAt && <Tag color="blue">{t('reports.sent')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('reports.col.files'),
      key: 'files',
      render: (_, r) => (
        <Space>
          <a href={reportFileHref(r.id, 'xlsx')} download data-testid={`xlsx-${r.storeId ?? 'group'}-${r.month}`}>
            XLSX
          </a>
          <a href={reportFileHref(r.id, 'pdf')} download data-testid={`pdf-${r.storeId ?? 'group'}-${r.month}`}>
            PDF
          </a>
        </Space>
      ),
    },
  ];
  const run = async () => {
    try {
      const made = await generate.mutateAsync({ month: month.format('YYYY-MM') });
      void message.success(t('reports.generate.done', { n: made.items.length }));
    } catch (error) {
      void message.error(errorText(error, t('common.networkError')));
    }
  };
  return (
    <>
      <PageHeader title={t('reports.title')} subtitle={t('reports.subtitle')} />
      {can('kpi.manage') && (
        <Space style={{ marginBottom: 12 }}>
          <DatePicker
            picker="month"
            value={month}
            allowClear={false}
            onChange={(v) => v && setMonth(v)}
            disabledDate={(d) => !d.isBefore(dayjs().startOf('month'))}
            placeholder={t('reports.generate.month')}
          />
          <Button type="primary" loading={generate.isPending} onClick={() => void run()}>
            {t('reports.generate')}
          </Button>
        </Space>
      )}
      <Table
        rowKey="id"
        size="small"
        loading={reports.isLoading}
        columns={columns}
        dataSource={reports.data ?? []}
        locale={{ emptyText: t('reports.empty') }}
        pagination={{ pageSize: 24 }}
      />
      <ReportSubscriptions />
    </>
  );
};
