import { useState } from 'react';
import { Alert, Button, Flex, Select, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import {
  importKindOrder,
  importKinds,
  type ImportJob,
  type ImportKind,
  type ImportMapping,
  type ImportSheet,
} from '@m4s/contracts';
import { ApiError, errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useSaveMapping } from './import-api.ts';
import { FilePreview } from './file-preview.tsx';
import { ImportPreviewPanel } from './import-preview.tsx';
import { fieldRows, mappingProblems, MappingFields, usableMapping } from './mapping-step.tsx';
import styles from './imports.module.css';

/** The kind picker's "不导入" (a select cannot hold null). */
const leftOut = 'left_out';

/** A sheet that can be imported: a header row and at least one data row. */
const hasRows = (sheet: ImportSheet) => sheet.headers.length > 0 && sheet.sampleRows.length > 0;

/** The run's order of the chosen sheets, as the server runs them (importKindOrder, then workbook order). */
const rankOf = (kind: ImportKind) => {
  const at = importKindOrder.indexOf(kind);
  return at < 0 ? importKindOrder.length : at;
};

type Choice = { kind: ImportKind | null; mappings: Partial<Record<ImportKind, ImportMapping>> };

const initialChoices = (job: ImportJob): Record<number, Choice> =>
  Object.fromEntries(
    job.sheets.map((s) => [
      s.index,
      {
        kind: hasRows(s) ? s.kind : null,
        mappings: s.kind ? { [s.kind]: usableMapping(s.kind, s.headers, s.mapping) } : {},
      },
    ]),
  );

/** The mapping a sheet has for a kind: what the user made of it, else the server's suggestion. */
const mappingFor = (sheet: ImportSheet, choice: Choice, kind: ImportKind) =>
  choice.mappings[kind] ?? usableMapping(kind, sheet.headers, sheet.suggestions[kind] ?? {});

/** The server's objections about the sheet at `position` of the body, by the sheet's own field paths. */
const errorsOfSheet = (errors: Record<string, string>, position: number) =>
  Object.fromEntries(
    Object.entries(errors)
      .filter(([path]) => path.startsWith(`sheets.${position}.`))
      .map(([path, message]) => [path.slice(`sheets.${position}.`.length), message]),
  );

/**
 * 工作表与字段映射: every sheet of the file with the kind its headers suggest, to change or leave out
 * (不导入), and each chosen sheet's mapping; one start runs them all, in dependency order.
 */
export const SheetsStep = ({ job }: { job: ImportJob }) => {
  const { t } = useI18n();
  const save = useSaveMapping(job.id);
  const [choices, setChoices] = useState(() => initialChoices(job));
  const [tried, setTried] = useState(false);
  const chosen = job.sheets.filter((s) => choices[s.index]?.kind);
  const [active, setActive] = useState<number | undefined>(chosen[0]?.index);
  const serverErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const activeKey = chosen.some((s) => s.index === active) ? active : chosen[0]?.index;

  const choiceOf = (sheet: ImportSheet): Choice => choices[sheet.index] ?? { kind: null, mappings: {} };
  const update = (sheet: ImportSheet, change: (choice: Choice) => Choice) => {
    setChoices((all) => ({ ...all, [sheet.index]: change(all[sheet.index] ?? { kind: null, mappings: {} }) }));
    save.reset();
  };
  const chooseKind = (sheet: ImportSheet, value: string) => {
    const kind = value === leftOut ? null : (value as ImportKind);
    update(sheet, (c) => ({
      kind,
      mappings: kind ? { ...c.mappings, [kind]: mappingFor(sheet, c, kind) } : c.mappings,
    }));
    if (kind) setActive(sheet.index);
  };
  const problemsOf = (sheet: ImportSheet) => {
    const { kind } = choiceOf(sheet);
    return kind ? mappingProblems(kind, mappingFor(sheet, choiceOf(sheet), kind)) : { missing: [], doubled: [] };
  };
  const blocked = chosen.filter((s) => {
    const p = problemsOf(s);
    return p.missing.length > 0 || p.doubled.length > 0;
  });

  const start = () => {
    setTried(true);
    const first = blocked[0];
    if (first) return setActive(first.index);
    if (chosen.length === 0) return;
    save.mutate({
      sheets: job.sheets.map((sheet) => {
        const choice = choiceOf(sheet);
        return choice.kind
          ? { index: sheet.index, kind: choice.kind, mapping: mappingFor(sheet, choice, choice.kind) }
          : { index: sheet.index, kind: null };
      }),
    });
  };

  const statusOf = (sheet: ImportSheet) => {
    const { kind } = choiceOf(sheet);
    if (!hasRows(sheet)) return <Typography.Text type="secondary">{t('sheets.empty')}</Typography.Text>;
    if (!kind) return <Typography.Text type="secondary">{t('sheets.leftOut')}</Typography.Text>;
    const { missing, doubled } = problemsOf(sheet);
    if (missing.length > 0)
      return <Typography.Text type="danger">{t('mapping.missingSome', { count: missing.length })}</Typography.Text>;
    if (doubled.length > 0) return <Typography.Text type="danger">{t('sheets.doubled')}</Typography.Text>;
    const mapped = Object.keys(mappingFor(sheet, choiceOf(sheet), kind)).length;
    return (
      <Typography.Text type="success">{t('mapping.mapped', { mapped, total: fieldRows(kind).length })}</Typography.Text>
    );
  };

  const columns: TableColumnsType<ImportSheet> = [
    {
      title: t('sheets.col.sheet'),
      dataIndex: 'name',
      className: 'nowrap',
      render: (name: string, sheet) => (
        <>
          <Typography.Text strong>{name}</Typography.Text>
          {sheet.suggestedKind && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('sheets.suggested', { kind: t(`imports.kind.${sheet.suggestedKind}`) })}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t('sheets.col.kind'),
      key: 'kind',
      width: 220,
      render: (_, sheet) => {
        const problem = serverErrors[`sheets.${sheet.index}.kind`] ?? serverErrors[`sheets.${sheet.index}.index`];
        return (
          <>
            <div data-testid={`sheet-kind-${sheet.index}`} data-kind={choiceOf(sheet).kind ?? leftOut}>
              <Select
                style={{ width: '100%' }}
                value={choiceOf(sheet).kind ?? leftOut}
                disabled={!hasRows(sheet)}
                status={problem ? 'error' : undefined}
                onChange={(value: string) => chooseKind(sheet, value)}
                options={[
                  ...importKinds.map((kind) => ({ value: kind, label: t(`imports.kind.${kind}`) })),
                  { value: leftOut, label: t('sheets.leaveOut') },
                ]}
                optionRender={(option) => (
                  <span data-testid={`sheet-kind-option-${String(option.value)}`}>{option.label}</span>
                )}
              />
            </div>
            {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
          </>
        );
      },
    },
    {
      title: t('sheets.col.content'),
      key: 'content',
      className: 'nowrap',
      render: (_, sheet) =>
        hasRows(sheet) ? t('sheets.content', { columns: sheet.headers.length, rows: sheet.sampleRows.length }) : '—',
    },
    {
      title: t('sheets.col.mapping'),
      key: 'mapping',
      render: (_, sheet) => <span data-testid={`sheet-state-${sheet.index}`}>{statusOf(sheet)}</span>,
    },
    {
      key: 'edit',
      align: 'right',
      render: (_, sheet) =>
        choiceOf(sheet).kind ? (
          <Button
            type="link"
            size="small"
            onClick={() => setActive(sheet.index)}
            data-testid={`sheet-edit-${sheet.index}`}
          >
            {t('sheets.edit')}
          </Button>
        ) : null,
    },
  ];

  const order = [...chosen].sort((a, b) => {
    const [ka, kb] = [choiceOf(a).kind, choiceOf(b).kind];
    return (ka && kb ? rankOf(ka) - rankOf(kb) : 0) || a.index - b.index;
  });

  return (
    <div data-testid="import-mapping">
      <Typography.Title level={5}>{t('sheets.title', { count: job.sheets.length })}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('sheets.hint')}</Typography.Paragraph>
      {save.isError && (
        <Alert
          type="error"
          showIcon
          className="form-alert"
          title={errorText(save.error, t('common.networkError'))}
          data-testid="mapping-error"
        />
      )}
      <Table<ImportSheet>
        size="small"
        rowKey="index"
        columns={columns}
        dataSource={job.sheets}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(sheet) => (sheet.index === activeKey ? (styles.activeSheet ?? '') : '')}
        onRow={(sheet) => ({ 'data-testid': `import-sheet-row-${sheet.index}` }) as React.HTMLAttributes<HTMLElement>}
        data-testid="import-sheets"
      />
      {order.length > 1 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} data-testid="import-order">
          {t('sheets.order', {
            order: order.map((s) => `${s.name}（${t(`imports.kind.${choiceOf(s).kind ?? 'customers'}`)}）`).join(' → '),
          })}
        </Typography.Paragraph>
      ) : (
        tried &&
        order.length === 0 && (
          <Alert
            type="warning"
            showIcon
            className="form-alert"
            title={t('sheets.noneChosen')}
            style={{ marginTop: 12 }}
          />
        )
      )}
      {chosen.length > 0 && (
        <Tabs
          activeKey={activeKey === undefined ? undefined : String(activeKey)}
          onChange={(key) => setActive(Number(key))}
          items={chosen.map((sheet) => {
            const choice = choiceOf(sheet);
            const kind = choice.kind ?? 'customers';
            const mapping = mappingFor(sheet, choice, kind);
            const position = job.sheets.findIndex((s) => s.index === sheet.index);
            const bad = tried && blocked.includes(sheet);
            return {
              key: String(sheet.index),
              label: (
                <span data-testid={`sheet-tab-${sheet.index}`}>
                  {sheet.name}{' '}
                  <Tag color={bad ? 'error' : 'blue'} variant="filled">
                    {t(`imports.kind.${kind}`)}
                  </Tag>
                </span>
              ),
              children: (
                <div data-testid={`import-sheet-${sheet.index}`}>
                  <Typography.Paragraph type="secondary">{t('mapping.hint')}</Typography.Paragraph>
                  <MappingFields
                    sheet={sheet}
                    kind={kind}
                    mapping={mapping}
                    onChange={(next) => update(sheet, (c) => ({ ...c, mappings: { ...c.mappings, [kind]: next } }))}
                    serverErrors={errorsOfSheet(serverErrors, position)}
                    tried={tried}
                  />
                  <ImportPreviewPanel key={kind} jobId={job.id} mapping={mapping} sheet={sheet.index} kind={kind} />
                  <FilePreview sheet={sheet} mapping={mapping} />
                </div>
              ),
            };
          })}
          style={{ marginTop: 8 }}
        />
      )}
      <Flex justify="flex-end" align="center" gap={16} style={{ marginTop: 16 }}>
        {tried && blocked.length > 0 ? (
          <Typography.Text type="danger">
            {t('sheets.blocked', { names: blocked.map((s) => s.name).join('、') })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">
            {t('sheets.chosen', { chosen: chosen.length, total: job.sheets.length })}
          </Typography.Text>
        )}
        <Button
          type="primary"
          size="large"
          icon={<PlayCircleOutlined />}
          loading={save.isPending}
          disabled={chosen.length === 0}
          onClick={start}
          data-testid="import-start"
        >
          {t('mapping.start')}
        </Button>
      </Flex>
    </div>
  );
};
