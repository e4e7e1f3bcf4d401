import type { ImportJob, ImportKind, ImportMapping } from '@m4s/contracts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { FileFormat } from './file-reader.ts';
import * as q from './imports.queries.ts';
import { mappingIssues, suggestMapping } from './mapping.ts';
import { importRunJobName } from './run.job.ts';

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
});

const load = async (ctx: StaffCtx, id: string) => {
  authorize(ctx.actor, 'customer.import');
  const row = await q.findImportJob(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

export type UploadedFile = {
  id: string;
  kind: ImportKind;
  fileName: string;
  format: FileFormat;
  bytes: number;
  sha256: string;
  headers: string[];
  sampleRows: string[][];
};

/** Records an uploaded file and proposes a mapping: the tenant's saved one, then known DMS headers. */
export const createImport = async (ctx: StaffCtx, file: UploadedFile): Promise<ImportJob> => {
  authorize(ctx.actor, 'customer.import');
  const saved = await q.savedMapping(ctx.db, ctx.tenantId, file.kind);
  const row = await q.insertImportJob(ctx.db, {
    tenantId: ctx.tenantId,
    id: file.id,
    kind: file.kind,
    status: 'needs_mapping',
    fileName: file.fileName,
    fileFormat: file.format,
    fileBytes: file.bytes,
    fileSha256: file.sha256,
    headers: file.headers,
    sampleRows: file.sampleRows,
    mapping: suggestMapping(file.kind, file.headers, saved),
    createdBy: ctx.actor.id,
    createdAt: ctx.clock.now(),
  });
  return toImportJob(row);
};

/** The user's mapping: checked, saved as the tenant's mapping for this kind of file, and the run queued. */
export const chooseMapping = async (ctx: StaffCtx, id: string, mapping: ImportMapping): Promise<ImportJob> => {
  const row = await load(ctx, id);
  if (row.status !== 'needs_mapping')
    throw new AppError('CONFLICT', undefined, { issues: [{ path: 'status', message: 'import_not_waiting' }] });
  const issues = mappingIssues(row.kind, row.headers, mapping);
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', undefined, { issues });
  const now = ctx.clock.now();
  await q.saveMapping(ctx.db, { tenantId: ctx.tenantId, kind: row.kind, mapping, updatedBy: ctx.actor.id, now });
  const updated = await q.updateImportJob(ctx.db, ctx.tenantId, id, { mapping, status: 'queued' });
  if (!updated) throw new AppError('NOT_FOUND');
  await ctx.jobs.send(importRunJobName, { tenantId: ctx.tenantId, importId: id }, { singletonKey: id });
  return toImportJob(updated);
};

export const getImport = async (ctx: StaffCtx, id: string) => toImportJob(await load(ctx, id));

export const recentImports = async (ctx: StaffCtx) => {
  authorize(ctx.actor, 'customer.import');
  return (await q.recentImportJobs(ctx.db, ctx.tenantId, 20)).map(toImportJob);
};

export const importErrors = async (ctx: StaffCtx, id: string, page: { limit: number; offset: number }) => {
  await load(ctx, id);
  const { items, total } = await q.importErrorPage(ctx.db, ctx.tenantId, id, page.limit, page.offset);
  return { items: items.map(({ id: _id, ...rest }) => rest), total };
};

/** The import's file name without its extension, for the report's download name. */
export const importForReport = async (ctx: StaffCtx, id: string) => load(ctx, id);
