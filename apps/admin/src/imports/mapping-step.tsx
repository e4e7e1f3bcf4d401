import { useState } from 'react';
import { Alert, Button, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { importFields, type ImportJob, type ImportMapping } from '@m4s/contracts';
import { ApiError, errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useSaveMapping } from './import-api.ts';
import { FilePreview } from './file-preview.tsx';
import { ImportPreviewPanel } from './import-preview.tsx';
import { useImportLabels } from './import-labels.tsx';
import styles from './imports.module.css';

type FieldRow = { field: string; required: boolean };

/** The suggestion, kept to this kind's fields and to columns the file really has. */
const initialMapping = (job: ImportJob): ImportMapping => {
  const fields = new Set<string>(importFields[job.kind].map((f) => f.field));
  return Object.fromEntries(
    Object.entries(job.mapping).filter(([field, header]) => fields.has(field) && job.headers.includes(header)),
  );
};

/** 字段映射: one row per field of ours, the file's column chosen for it, and what its first row holds. */
export const MappingStep = ({ job }: { job: ImportJob }) => {
  const { t } = useI18n();
  const labels = useImportLabels();
  const save = useSaveMapping(job.id);
  const [mapping, setMapping] = useState<ImportMapping>(() => initialMapping(job));
  const [tried, setTried] = useState(false);
  const rows: FieldRow[] = [...importFields[job.kind]];
  const missing = rows.filter((r) => r.required && !mapping[r.field]);
  const serverErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const firstRow = job.sampleRows[0] ?? [];

  const choose = (field: string, header: string | undefined) => {
    setMapping(({ [field]: _old, ...rest }) => (header ? { ...rest, [field]: header } : rest));
    save.reset();
  };
  const usedBy = (field: string, header: string | undefined) =>
    header ? Object.entries(mapping).find(([f, h]) => f !== field && h === header)?.[0] : undefined;

  // The server takes each column for one field only; say so beside the second one before sending.
  const doubled = rows.filter((r) => usedBy(r.field, mapping[r.field]) !== undefined);
  const start = () => {
    setTried(true);
    if (missing.length === 0 && doubled.length === 0) save.mutate(mapping);
  };

  const columns: TableColumnsType<FieldRow> = [
    {
      title: t('mapping.col.field'),
      dataIndex: 'field',
      width: 260,
      render: (field: string, row) => (
        <>
          <Typography.Text strong={row.required}>{labels.field(field)}</Typography.Text>
          {row.required && (
            <Tag color="red" variant="filled" style={{ marginLeft: 8 }}>
              {t('mapping.required')}
            </Tag>
          )}
          {labels.hint(field) && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {labels.hint(field)}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t('mapping.col.header'),
      key: 'header',
      width: 300,
      render: (_, { field, required }) => {
        const header = mapping[field];
        const problem =
          serverErrors[`mapping.${field}`] ??
          serverErrors[field] ??
          (tried && required && !header ? t('mapping.missing') : null);
        const other = usedBy(field, header);
        const duplicate = other ? t('mapping.duplicate', { header: header ?? '', field: labels.field(other) }) : null;
        const shown = problem ?? duplicate;
        return (
          <>
            <Select
              allowClear
              showSearch
              style={{ width: '100%' }}
              placeholder={t('mapping.none')}
              status={shown ? 'error' : undefined}
              value={header}
              onChange={(value: string | undefined) => choose(field, value)}
              options={job.headers.map((h) => ({ value: h, label: h }))}
              data-testid={`mapping-${field}`}
            />
            {shown && <Typography.Text type="danger">{shown}</Typography.Text>}
          </>
        );
      },
    },
    {
      title: t('mapping.col.sample'),
      key: 'sample',
      render: (_, { field }) => {
        const header = mapping[field];
        const value = header === undefined ? undefined : firstRow[job.headers.indexOf(header)];
        return value ? (
          <Typography.Text type="secondary" className={styles.sampleValue} title={value}>
            {value}
          </Typography.Text>
        ) : null;
      },
    },
  ];

  return (
    <div data-testid="import-mapping">
      <Typography.Title level={5}>{t('mapping.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('mapping.hint')}</Typography.Paragraph>
      {save.isError && (
        <Alert
          type="error"
          showIcon
          className="form-alert"
          title={errorText(save.error, t('common.networkError'))}
          data-testid="mapping-error"
        />
      )}
      <Table<FieldRow>
        size="small"
        rowKey="field"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="mapping-table"
      />
      <ImportPreviewPanel jobId={job.id} mapping={mapping} />
      <Flex justify="flex-end" align="center" gap={16} style={{ marginTop: 16 }}>
        {tried && missing.length > 0 ? (
          <Typography.Text type="danger">{t('mapping.missingSome', { count: missing.length })}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">
            {t('mapping.mapped', { mapped: Object.keys(mapping).length, total: rows.length })}
          </Typography.Text>
        )}
        <Button
          type="primary"
          size="large"
          icon={<PlayCircleOutlined />}
          loading={save.isPending}
          onClick={start}
          data-testid="import-start"
        >
          {t('mapping.start')}
        </Button>
      </Flex>
      <FilePreview job={job} mapping={mapping} />
    </div>
  );
};
