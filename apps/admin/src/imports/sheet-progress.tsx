import { Flex, Progress, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { importKindOrder, type ImportJob, type ImportKind, type ImportSheet } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { countEntries, useImportLabels } from './import-labels.tsx';

const rankOf = (kind: ImportKind | null) => {
  const at = kind ? importKindOrder.indexOf(kind) : -1;
  return at < 0 ? importKindOrder.length : at;
};

/** The sheets in the order the run takes them; those left out last. */
export const inRunOrder = (sheets: ImportSheet[]) =>
  [...sheets].sort(
    (a, b) =>
      Number(a.status === 'left_out') - Number(b.status === 'left_out') ||
      rankOf(a.kind) - rankOf(b.kind) ||
      a.index - b.index,
  );

const percentOf = (sheet: ImportSheet): number => {
  if (sheet.status === 'done') return 100;
  if (!sheet.rowsTotal) return 0;
  return Math.min(99, Math.floor((sheet.rowsDone / sheet.rowsTotal) * 100));
};

const barStatus = (sheet: ImportSheet) =>
  sheet.status === 'failed'
    ? 'exception'
    : sheet.status === 'done'
      ? 'success'
      : sheet.status === 'running'
        ? 'active'
        : 'normal';

const statusColor: Record<ImportSheet['status'], string> = {
  pending: 'default',
  left_out: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
  undone: 'default',
};

/**
 * 各工作表进度: one bar per sheet in the order the run takes them, its rows, failures and what its rows
 * became; a sheet left out says so.
 */
export const SheetProgress = ({ job }: { job: ImportJob }) => {
  const { t } = useI18n();
  const labels = useImportLabels();

  const columns: TableColumnsType<ImportSheet> = [
    {
      title: t('sheets.col.sheet'),
      dataIndex: 'name',
      className: 'nowrap',
      width: 200,
      render: (name: string, sheet) => (
        <>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {sheet.kind ? t(`imports.kind.${sheet.kind}`) : t('sheets.leaveOut')}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('sheets.col.status'),
      dataIndex: 'status',
      className: 'nowrap',
      width: 110,
      render: (status: ImportSheet['status']) => (
        <Tag color={statusColor[status]} data-testid="sheet-status" data-status={status}>
          {t(`sheets.status.${status}`)}
        </Tag>
      ),
    },
    {
      title: t('sheets.col.progress'),
      key: 'progress',
      render: (_, sheet) =>
        sheet.status === 'left_out' ? (
          <Typography.Text type="secondary">{t('sheets.leftOutText')}</Typography.Text>
        ) : (
          <>
            <Progress percent={percentOf(sheet)} status={barStatus(sheet)} size="small" />
            <Flex gap={12} wrap>
              <Typography.Text className="tabular" data-testid="sheet-rows">
                {sheet.rowsTotal === null
                  ? t('progress.rowsUnknown', { done: sheet.rowsDone })
                  : t('progress.rows', { done: sheet.rowsDone, total: sheet.rowsTotal })}
              </Typography.Text>
              {sheet.rowsFailed > 0 && (
                <Typography.Text type="danger" data-testid="sheet-rows-failed">
                  {t('progress.failed', { count: sheet.rowsFailed })}
                </Typography.Text>
              )}
            </Flex>
          </>
        ),
    },
    {
      title: t('imports.col.result'),
      key: 'counts',
      render: (_, sheet) => (
        <Space size={[12, 0]} wrap>
          {sheet.status !== 'left_out' &&
            countEntries(sheet)
              .filter(([, n]) => n > 0)
              .map(([name, n]) => (
                <Typography.Text key={name} type="secondary" className="nowrap">
                  {labels.count(name)}{' '}
                  <Typography.Text className="tabular" data-testid={`sheet-count-${name}`}>
                    {n}
                  </Typography.Text>
                </Typography.Text>
              ))}
        </Space>
      ),
    },
  ];

  return (
    <div style={{ marginTop: 20 }}>
      <Typography.Title level={5}>{t('sheets.progressTitle')}</Typography.Title>
      <Table<ImportSheet>
        size="small"
        rowKey="index"
        columns={columns}
        dataSource={inRunOrder(job.sheets)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(sheet) =>
          ({
            'data-testid': `sheet-progress-${sheet.index}`,
            'data-status': sheet.status,
          }) as React.HTMLAttributes<HTMLElement>
        }
        data-testid="sheet-progress"
      />
    </div>
  );
};
