import { Alert, Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { importRoutes, type ImportKind, type ImportMapping, type ImportPreviewRecord } from '@m4s/contracts';
import { api, errorText } from '@m4s/web-kit';
import { isMessageKey, useI18n } from '../i18n.ts';
import { useImportLabels } from './import-labels.tsx';

/** A stored value as a person reads it: text and numbers inline, an address by its text, lists joined. */
const show = (value: unknown): string => {
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (value === true) return '✓';
  if (Array.isArray(value)) return value.map(show).filter(Boolean).join('；');
  if (typeof value === 'object' && 'text' in value) return show(value.text);
  return JSON.stringify(value);
};

/** Defaults every record carries and ids of other records say nothing here: left out. */
const quiet = new Set([
  'kind',
  'source',
  'channels',
  'seasonal',
  'malicious',
  'marketing_opt_out',
  'is_primary',
  'position',
]);
const shownFields = (values: Record<string, unknown>) =>
  Object.entries(values).filter(([k, v]) => !k.endsWith('_id') && !quiet.has(k) && show(v) !== '' && show(v) !== '{}');

/**
 * 导入预览: before the run, the first 50 rows applied with the mapping on screen and rolled back on the
 * server — each record as it would be stored (新建 / 补充 with the fields before), and the rows refused.
 */
export const ImportPreviewPanel = ({
  jobId,
  mapping,
  sheet,
  kind,
}: {
  jobId: string;
  mapping: ImportMapping;
  /** A workbook's sheet and the kind chosen for it (default: the import's own). */
  sheet?: number;
  kind?: ImportKind;
}) => {
  const { t } = useI18n();
  const preview = useMutation({
    mutationFn: () =>
      api.call(importRoutes.preview, {
        params: { id: jobId },
        body: { mapping, ...(sheet === undefined ? {} : { sheet }), ...(kind ? { kind } : {}) },
      }),
  });
  const labels = useImportLabels();
  const kindOf = (table: string) => {
    const key = `importUndo.table.${table}`;
    return isMessageKey(key) ? t(key) : table;
  };
  const column = (name: string) => {
    const key = `importPreview.col.${name}`;
    return isMessageKey(key) ? t(key) : name;
  };
  const columns: TableColumnsType<ImportPreviewRecord & { key: number }> = [
    {
      title: '',
      dataIndex: 'action',
      width: 70,
      render: (action: ImportPreviewRecord['action']) => (
        <Tag color={action === 'created' ? 'green' : 'blue'}>{t(`importPreview.${action}`)}</Tag>
      ),
    },
    { title: '', dataIndex: 'table', width: 100, className: 'nowrap', render: (table: string) => kindOf(table) },
    {
      title: '',
      key: 'values',
      render: (_, r) => (
        <Space size={[12, 0]} wrap>
          {shownFields(r.values).map(([k, v]) => (
            <Typography.Text key={k} type="secondary">
              {column(k)}: <Typography.Text>{show(v)}</Typography.Text>
              {r.before && k in r.before && show(r.before[k]) !== '' && (
                <Typography.Text delete type="secondary">
                  {' '}
                  {show(r.before[k])}
                </Typography.Text>
              )}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
  ];
  const data = preview.data;
  const refused =
    data?.issues.filter((i) => !i.message.startsWith('【提示】') && !i.message.startsWith('[Note]')) ?? [];
  const notes = (data?.issues.length ?? 0) - refused.length;
  return (
    <Card size="small" style={{ marginTop: 16 }} data-testid="import-dry-run">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button
          icon={<EyeOutlined />}
          loading={preview.isPending}
          onClick={() => preview.mutate()}
          data-testid="import-dry-run-start"
        >
          {t('importPreview.button')}
        </Button>
        {preview.isError && <Alert type="error" showIcon title={errorText(preview.error, t('common.networkError'))} />}
        {data && (
          <>
            <Typography.Text strong>{t('importPreview.title', { rows: data.rows })}</Typography.Text>
            <Typography.Text type="secondary">{t('importPreview.hint')}</Typography.Text>
            <Space wrap>
              {Object.entries(data.counts).map(([k, n]) => (
                <Tag key={k}>
                  {labels.count(k)} {n}
                </Tag>
              ))}
              {data.rowsFailed > 0 && <Tag color="red">{t('importPreview.rowsFailed', { n: data.rowsFailed })}</Tag>}
              {notes > 0 && (
                <Tag color="gold">
                  {t('importPreview.warnings')} {notes}
                </Tag>
              )}
            </Space>
            {data.records.length === 0 ? (
              <Typography.Text type="secondary">{t('importPreview.none')}</Typography.Text>
            ) : (
              <Table
                size="small"
                showHeader={false}
                rowKey="key"
                columns={columns}
                dataSource={data.records.map((r, key) => ({ ...r, key }))}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                data-testid="import-dry-run-records"
              />
            )}
            {refused.length > 0 && (
              <>
                <Typography.Text strong>{t('importPreview.refused')}</Typography.Text>
                {refused.map((i) => (
                  <Typography.Text key={`${i.rowNo}-${i.column ?? ''}-${i.message}`} type="danger">
                    {t('importPreview.row', { n: i.rowNo })} {i.column ?? ''} {i.value ?? ''}: {i.message}
                  </Typography.Text>
                ))}
              </>
            )}
          </>
        )}
      </Space>
    </Card>
  );
};
