import {
  importKinds,
  type FieldIssue,
  type ImportJob,
  type ImportKind,
  type ImportMappingBody,
  type ImportSheet,
  type ImportSheetChoice,
} from '@m4s/contracts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { FileFormat, SheetPreview } from './file-reader.ts';
import * as q from './imports.queries.ts';
import { mappingIssues, suggestMapping } from './mapping.ts';
import { importRunJobName } from './run.job.ts';
import { fileStem, hasRows, leadSheet, sheetsOf, suggestKind, unstarted } from './sheets.ts';

export const toImportJob = (row: q.ImportJobRow): ImportJob => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  fileName: row.fileName,
  fileBytes: row.fileBytes,
  headers: row.headers,
  sampleRows: row.sampleRows,
  mapping: row.mapping ?? {},
  rowsTotal: row.rowsTotal,
  rowsDone: row.rowsDone,
  rowsFailed: row.rowsFailed,
  counts: row.counts,
  failure: row.failure,
  errorCounts: row.errorCounts,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
  startedAt: row.startedAt?.toISOString() ?? null,
  finishedAt: row.finishedAt?.toISOString() ?? null,
  sheets: sheetsOf(row),
});

const load = async (ctx: StaffCtx, id: string) => {
  authorize(ctx.actor, 'customer.import');
  const row = await q.findImportJob(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

export type UploadedFile = {
  id: string;
  /** The kind the uploader named (an older client, the CLI): the first sheet with rows is that kind. */
  kind: ImportKind | null;
  fileName: string;
  format: FileFormat;
  bytes: number;
  sha256: string;
  sheets: SheetPreview[];
};

/**
 * Records an uploaded file with every sheet's kind and mapping proposed: the kind its headers suggest
 * (or the one the uploader named, for the first sheet with rows), and for it the tenant's saved mapping,
 * then known DMS header names. A sheet without rows is proposed as left out.
 */
export const createImport = async (ctx: StaffCtx, file: UploadedFile): Promise<ImportJob> => {
  authorize(ctx.actor, 'customer.import');
  const saved = await q.savedMappings(ctx.db, ctx.tenantId);
  const named = file.kind ? file.sheets.find(hasRows) : undefined;
  const sheets: ImportSheet[] = file.sheets.map((s) => {
    const suggestedKind = hasRows(s) ? suggestKind(s.headers, saved) : null;
    const kind = s === named ? file.kind : suggestedKind;
    const suggestions = hasRows(s)
      ? Object.fromEntries(importKinds.map((k) => [k, suggestMapping(k, s.headers, saved[k] ?? null)]))
      : {};
    return {
      index: s.index,
      name: s.name || fileStem(file.fileName),
      kind,
      suggestedKind,
      headers: s.headers,
      sampleRows: s.sampleRows,
      mapping: kind ? (suggestions[kind] ?? {}) : {},
      suggestions,
      status: 'pending',
      rowsTotal: null,
      rowsDone: 0,
      rowsFailed: 0,
      counts: {},
    };
  });
  const lead = leadSheet(sheets);
  const kind = lead?.kind ?? file.kind ?? 'customers';
  const row = await q.insertImportJob(ctx.db, {
    tenantId: ctx.tenantId,
    id: file.id,
    kind,
    status: 'needs_mapping',
    fileName: file.fileName,
    fileFormat: file.format,
    fileBytes: file.bytes,
    fileSha256: file.sha256,
    headers: lead?.headers ?? [],
    sampleRows: lead?.sampleRows ?? [],
    mapping: lead?.kind ? lead.mapping : suggestMapping(kind, lead?.headers ?? [], saved[kind] ?? null),
    sheets,
    createdBy: ctx.actor.id,
    createdAt: ctx.clock.now(),
  });
  return toImportJob(row);
};

/** `{ mapping }` (a one-sheet file, an older client): the import's own sheet, with its kind; others out. */
const choicesOf = (row: q.ImportJobRow, sheets: ImportSheet[], body: ImportMappingBody): ImportSheetChoice[] => {
  if (body.sheets) return body.sheets;
  const lead = leadSheet(sheets);
  return [{ index: lead?.index ?? 0, kind: row.kind, mapping: body.mapping ?? {} }];
};

/** What is wrong with the sheets' choices, as field issues; `{ mapping }` keeps its `mapping.<field>` paths. */
const choiceIssues = (sheets: ImportSheet[], choices: ImportSheetChoice[], legacy: boolean): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const seen = new Set<number>();
  choices.forEach((choice, at) => {
    const path = legacy ? '' : `sheets.${at}.`;
    const sheet = sheets.find((s) => s.index === choice.index);
    if (!sheet) return issues.push({ path: `${path}index`, message: 'import_sheet_unknown' });
    if (seen.has(choice.index)) return issues.push({ path: `${path}index`, message: 'import_sheet_twice' });
    seen.add(choice.index);
    if (choice.kind === null) return;
    if (!hasRows(sheet)) return issues.push({ path: `${path}kind`, message: 'import_sheet_empty' });
    for (const issue of mappingIssues(choice.kind, sheet.headers, choice.mapping ?? {}))
      issues.push({ ...issue, path: `${path}${issue.path}` });
  });
  if (issues.length === 0 && !choices.some((c) => c.kind !== null))
    issues.push({ path: 'sheets', message: 'import_no_sheet' });
  return issues;
};

/**
 * The user's choice of each sheet's kind (or 不导入) and mapping: checked, each mapping saved as the
 * tenant's mapping for its kind ("map once"), and the run queued. A sheet not chosen is left out.
 */
export const chooseMapping = async (ctx: StaffCtx, id: string, body: ImportMappingBody): Promise<ImportJob> => {
  const row = await load(ctx, id);
  if (row.status !== 'needs_mapping')
    throw new AppError('CONFLICT', undefined, { issues: [{ path: 'status', message: 'import_not_waiting' }] });
  const before = sheetsOf(row);
  const choices = choicesOf(row, before, body);
  const issues = choiceIssues(before, choices, !body.sheets);
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', undefined, { issues });

  const now = ctx.clock.now();
  const sheets = before.map((sheet): ImportSheet => {
    const choice = choices.find((c) => c.index === sheet.index);
    if (!choice?.kind) return { ...unstarted(sheet), kind: null, mapping: {}, status: 'left_out' };
    return { ...unstarted({ ...sheet, status: 'pending' }), kind: choice.kind, mapping: choice.mapping ?? {} };
  });
  for (const sheet of sheets)
    if (sheet.kind)
      await q.saveMapping(ctx.db, {
        tenantId: ctx.tenantId,
        kind: sheet.kind,
        mapping: sheet.mapping,
        updatedBy: ctx.actor.id,
        now,
      });
  const lead = leadSheet(sheets);
  if (!lead?.kind) throw new AppError('VALIDATION_FAILED');
  const updated = await q.updateImportJob(ctx.db, ctx.tenantId, id, {
    kind: lead.kind,
    headers: lead.headers,
    sampleRows: lead.sampleRows,
    mapping: lead.mapping,
    sheets,
    status: 'queued',
  });
  if (!updated) throw new AppError('NOT_FOUND');
  await ctx.jobs.send(importRunJobName, { tenantId: ctx.tenantId, importId: id }, { singletonKey: id });
  return toImportJob(updated);
};

export const getImport = async (ctx: StaffCtx, id: string) => toImportJob(await load(ctx, id));

export const recentImports = async (ctx: StaffCtx) => {
  authorize(ctx.actor, 'customer.import');
  return (await q.recentImportJobs(ctx.db, ctx.tenantId, 20)).map(toImportJob);
};

export const importErrors = async (
  ctx: StaffCtx,
  id: string,
  page: { limit: number; offset: number; sheet?: number | undefined },
) => {
  await load(ctx, id);
  const { items, total } = await q.importErrorPage(ctx.db, ctx.tenantId, id, page);
  return { items: items.map(({ id: _id, ...rest }) => rest), total };
};

/** The import for its downloadable report (its file name and sheets). */
export const importForReport = async (ctx: StaffCtx, id: string) => load(ctx, id);
