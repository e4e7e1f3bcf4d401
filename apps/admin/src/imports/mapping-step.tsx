import { Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { importFields, type ImportKind, type ImportMapping, type ImportSheet } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useImportLabels } from './import-labels.tsx';
import styles from './imports.module.css';

type FieldRow = { field: string; required: boolean };

export const fieldRows = (kind: ImportKind): FieldRow[] => [...importFields[kind]];

/** A suggestion kept to this kind's fields and to columns the sheet really has. */
export const usableMapping = (kind: ImportKind, headers: string[], mapping: ImportMapping): ImportMapping => {
  const fields = new Set<string>(importFields[kind].map((f) => f.field));
  return Object.fromEntries(
    Object.entries(mapping).filter(([field, header]) => fields.has(field) && headers.includes(header)),
  );
};

/** The field another field already took this column for (the server takes each column for one field). */
const usedBy = (mapping: ImportMapping, field: string, header: string | undefined) =>
  header ? Object.entries(mapping).find(([f, h]) => f !== field && h === header)?.[0] : undefined;

/** What keeps a sheet's mapping from running: required fields without a column, columns used twice. */
export const mappingProblems = (kind: ImportKind, mapping: ImportMapping) => {
  const rows = fieldRows(kind);
  return {
    missing: rows.filter((r) => r.required && !mapping[r.field]),
    doubled: rows.filter((r) => usedBy(mapping, r.field, mapping[r.field]) !== undefined),
  };
};

type Props = {
  sheet: ImportSheet;
  kind: ImportKind;
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
  /** The server's objections, by field. */
  serverErrors: Record<string, string>;
  /** Start was pressed: unmapped required fields are shown as errors. */
  tried: boolean;
};

/** 字段映射: one row per field of the kind, the sheet's column chosen for it, and what its first row holds. */
export const MappingFields = ({ sheet, kind, mapping, onChange, serverErrors, tried }: Props) => {
  const { t } = useI18n();
  const labels = useImportLabels();
  const rows = fieldRows(kind);
  const firstRow = sheet.sampleRows[0] ?? [];

  const choose = (field: string, header: string | undefined) => {
    const { [field]: _old, ...rest } = mapping;
    onChange(header ? { ...rest, [field]: header } : rest);
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
        const other = usedBy(mapping, field, header);
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
              options={sheet.headers.map((h) => ({ value: h, label: h }))}
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
        const value = header === undefined ? undefined : firstRow[sheet.headers.indexOf(header)];
        return value ? (
          <Typography.Text type="secondary" className={styles.sampleValue} title={value}>
            {value}
          </Typography.Text>
        ) : null;
      },
    },
  ];

  return (
    <Table<FieldRow>
      size="small"
      rowKey="field"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="mapping-table"
    />
  );
};
