import { useState } from 'react';
import { App, Button, Card, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ImportErrorRow, ImportSheet } from '@m4s/contracts';
import { download, errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { errorReportPath, useImportErrors } from './import-api.ts';

type Props = { jobId: string; rowsFailed: number; sheets: ImportSheet[] };

const allSheets = 'all';

/**
 * 错误明细: every refused row with the column and value at fault, page by page, and the whole list as Excel.
 * Row numbers are per sheet: a run of several sheets names the sheet of each row, and shows one sheet's
 * rows at a time when asked.
 */
export const ImportErrors = ({ jobId, rowsFailed, sheets }: Props) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [downloading, setDownloading] = useState(false);
  const run = sheets.filter((s) => s.status !== 'left_out' && s.kind !== null);
  const bySheet = run.length > 1;
  const [sheet, setSheet] = useState<number | typeof allSheets>(allSheets);
  const errors = useImportErrors(jobId, page, pageSize, rowsFailed, sheet === allSheets ? undefined : sheet);
  const nameOf = (index: number) => sheets.find((s) => s.index === index)?.name ?? String(index + 1);
  const total = errors.data?.total ?? 0;

  const getReport = async () => {
    setDownloading(true);
    try {
      await download(errorReportPath(jobId));
    } catch (error) {
      void message.error(errorText(error, t('common.networkError')));
    } finally {
      setDownloading(false);
    }
  };

  const columns: TableColumnsType<ImportErrorRow> = [
    ...(bySheet
      ? [
          {
            title: t('errors.col.sheet'),
            dataIndex: 'sheet',
            className: 'nowrap',
            render: (index: number) => nameOf(index),
          },
        ]
      : []),
    {
      title: t('errors.col.row'),
      dataIndex: 'rowNo',
      width: 90,
      className: 'nowrap tabular',
      render: (row: number) => t('errors.rowNo', { row }),
    },
    {
      title: t('errors.col.column'),
      dataIndex: 'column',
      className: 'nowrap',
      render: (column: string | null) => column ?? t('common.none'),
    },
    {
      title: t('errors.col.value'),
      dataIndex: 'value',
      render: (value: string | null) => (value ? <Typography.Text code>{value}</Typography.Text> : t('common.none')),
    },
    {
      title: t('errors.col.message'),
      dataIndex: 'message',
      render: (text: string) => <Typography.Text type="danger">{text}</Typography.Text>,
    },
  ];

  return (
    <Card
      title={t('errors.title')}
      size="small"
      style={{ marginTop: 16 }}
      extra={
        <Button
          icon={<DownloadOutlined />}
          loading={downloading}
          disabled={total === 0}
          onClick={() => void getReport()}
          data-testid="import-errors-download"
        >
          {t('errors.download')}
        </Button>
      }
    >
      <LoadFailedAlert error={errors.error} />
      {bySheet && (
        <Segmented<number | typeof allSheets>
          style={{ marginBottom: 12 }}
          value={sheet}
          onChange={(value) => {
            setSheet(value);
            setPage(1);
          }}
          options={[
            { value: allSheets, label: t('errors.allSheets') },
            ...run.map((s) => ({ value: s.index, label: t('errors.sheet', { name: s.name, count: s.rowsFailed }) })),
          ]}
          data-testid="import-errors-sheet"
        />
      )}
      <Table<ImportErrorRow>
        size="small"
        rowKey={(row) => `${row.sheet}-${row.rowNo}-${row.column ?? ''}-${row.message}`}
        columns={columns}
        dataSource={errors.data?.items}
        loading={errors.isPending}
        locale={{ emptyText: t('errors.none') }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (count) => t('errors.count', { count }),
          hideOnSinglePage: total <= 10,
          onChange: (next, size) => {
            setPage(size === pageSize ? next : 1);
            setPageSize(size);
          },
        }}
        data-testid="import-errors"
      />
    </Card>
  );
};
