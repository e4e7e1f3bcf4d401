import { Card, Space, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { ImportJob } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { formatDateTime } from '../lib/format.ts';
import { QueryTable } from '../layout/query-table.tsx';
import { useImportJobs } from './import-api.ts';
import { countEntries, jobTitle, StatusTag, useImportLabels } from './import-labels.tsx';

/** The last imports: what was loaded when, how it went, and the way back into each. */
export const ImportHistory = () => {
  const { t, locale } = useI18n();
  const jobs = useImportJobs();
  const labels = useImportLabels();

  const columns: TableColumnsType<ImportJob> = [
    {
      title: t('imports.col.createdAt'),
      dataIndex: 'createdAt',
      className: 'nowrap tabular',
      render: (at: string) => formatDateTime(at, locale),
    },
    {
      title: t('imports.col.kind'),
      key: 'kind',
      className: 'nowrap',
      render: (_, job) => jobTitle(t, job),
    },
    {
      title: t('imports.col.file'),
      dataIndex: 'fileName',
      className: 'nowrap',
      render: (name: string, job) => (
        <Link to={`/imports/${job.id}`} data-testid={`import-history-${job.id}`}>
          {name}
        </Link>
      ),
    },
    {
      title: t('imports.col.status'),
      dataIndex: 'status',
      className: 'nowrap',
      render: (status: ImportJob['status']) => <StatusTag status={status} />,
    },
    {
      title: t('imports.col.rows'),
      key: 'rows',
      align: 'right',
      className: 'nowrap tabular',
      render: (_, job) => `${job.rowsDone} / ${job.rowsTotal ?? '…'}`,
    },
    {
      title: t('imports.col.failed'),
      dataIndex: 'rowsFailed',
      align: 'right',
      className: 'nowrap tabular',
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    {
      title: t('imports.col.result'),
      key: 'counts',
      // The one column that wraps, so the table fits the page however many counts an import has.
      render: (_, job) => (
        <Space size={[12, 0]} wrap>
          {countEntries(job).map(([name, n]) => (
            <Typography.Text key={name} type="secondary" className="nowrap">
              {labels.count(name)} <Typography.Text className="tabular">{n}</Typography.Text>
            </Typography.Text>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('imports.history')}
      extra={<Typography.Text type="secondary">{t('imports.historyHint')}</Typography.Text>}
    >
      <QueryTable<ImportJob>
        query={jobs}
        columns={columns}
        pageSize={10}
        emptyText={t('imports.historyEmpty')}
        testId="import-history"
      />
    </Card>
  );
};
