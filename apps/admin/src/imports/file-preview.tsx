import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ImportMapping, ImportSheet } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useImportLabels } from './import-labels.tsx';
import styles from './imports.module.css';

type Row = { key: number; cells: string[] };

/** A sheet's first rows as the server read them, each column tagged with the field it feeds. */
export const FilePreview = ({ sheet, mapping }: { sheet: ImportSheet; mapping: ImportMapping }) => {
  const { t } = useI18n();
  const labels = useImportLabels();
  const fieldsOf = (header: string) =>
    Object.entries(mapping)
      .filter(([, h]) => h === header)
      .map(([field]) => field);

  const columns: TableColumnsType<Row> = sheet.headers.map((header, index) => ({
    key: String(index),
    title: (
      <>
        <div className="nowrap">{header}</div>
        {fieldsOf(header).map((field) => (
          <Tag key={field} color="blue" variant="filled" style={{ marginTop: 4 }}>
            {labels.field(field)}
          </Tag>
        ))}
      </>
    ),
    className: 'nowrap',
    render: (_, row) => row.cells[index] ?? '',
  }));

  return (
    <div className={styles.preview}>
      <Typography.Title level={5}>{t('mapping.preview')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('mapping.previewHint', { name: sheet.name, count: sheet.sampleRows.length })}
      </Typography.Paragraph>
      <Table<Row>
        size="small"
        bordered
        columns={columns}
        dataSource={sheet.sampleRows.map((cells, key) => ({ key, cells }))}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="import-preview"
      />
    </div>
  );
};
