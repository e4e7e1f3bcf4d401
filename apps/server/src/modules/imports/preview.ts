import type { ImportPreview, ImportPreviewBody } from '@m4s/contracts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { InStaffTx } from '../../platform/http/staff-tx.ts';
import { dayIn } from '../../platform/time/zone.ts';
import { readTable, type SheetRow } from './file-reader.ts';
import * as q from './imports.queries.ts';
import { journalRecords, markImportBatch } from './journal.ts';
import { kindHandlers } from './kinds.ts';
import { loadLookups } from './lookups.ts';
import { mappingIssues } from './mapping.ts';
import { columnsOf, fieldReader, toErrorRows } from './rows.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import { uploadPath } from './run.job.ts';
import { leadSheet, sheetsOf } from './sheets.ts';

/** Data rows a preview applies: enough to see the mapping at work, short enough to hold PGlite briefly. */
export const previewRows = 50;
/** Records listed at most (50 rows of customers-and-cars write about 250). */
const previewRecords = 400;

const waiting = async (ctx: StaffCtx, id: string) => {
  authorize(ctx.actor, 'customer.import');
  const row = await q.findImportJob(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.status !== 'needs_mapping')
    throw new AppError('CONFLICT', undefined, { issues: [{ path: 'status', message: 'import_preview_not_waiting' }] });
  return row;
};

/**
 * The first 50 data rows of a sheet (by default the import's own, with its kind) with this mapping, applied
 * by the kind's real handler inside a savepoint that is rolled back: the records the journal saw written
 * (created, or filled in), the counts and the rows' refusals and warnings. A workbook's sheet is previewed
 * against what the database holds now, not what the sheets before it in the run would add. The file is
 * read before the transaction that applies them, so the one PGlite connection is held only for the apply.
 */
export const previewImport = async (
  inTx: InStaffTx,
  dataDir: string,
  id: string,
  body: ImportPreviewBody,
): Promise<ImportPreview> => {
  const { mapping } = body;
  const {
    run,
    sheet,
    kind: kindOf,
  } = await inTx(async (ctx) => {
    const row = await waiting(ctx, id);
    const sheets = sheetsOf(row);
    const found = body.sheet === undefined ? leadSheet(sheets) : sheets.find((s) => s.index === body.sheet);
    if (!found)
      throw new AppError('VALIDATION_FAILED', undefined, {
        issues: [{ path: 'sheet', message: 'import_sheet_unknown' }],
      });
    const kind = body.kind ?? (body.sheet === undefined ? row.kind : found.kind) ?? row.kind;
    const issues = mappingIssues(kind, found.headers, mapping);
    if (issues.length > 0) throw new AppError('VALIDATION_FAILED', undefined, { issues });
    return { run: row, sheet: found, kind };
  });
  const rows: SheetRow[] = [];
  const path = uploadPath(dataDir, run.tenantId, run.id, run.fileFormat);
  for await (const item of readTable(path, run.fileFormat, sheet.index)) {
    if ('row' in item) rows.push(item.row);
    if (rows.length >= previewRows) break;
  }
  const columns = columnsOf(sheet.headers, mapping);
  const header = (field: string) => columns.get(field)?.header ?? null;

  return inTx(async (ctx) => {
    await waiting(ctx, id);
    const lookups = await loadLookups(ctx.db, ctx.tenantId, run.createdBy);
    const kind = kindHandlers[kindOf].start({
      lookups,
      today: dayIn(run.createdAt, lookups.timezone),
      header,
      sourceId: run.sourceId,
      staffReported: new Set(),
    });
    for (const row of rows) kind.scan?.(fieldReader(row, columns));
    for (const row of rows) kind.read(fieldReader(row, columns));
    const apply = kind.take(true);
    await ctx.sql.executeSql('SAVEPOINT import_preview');
    try {
      await markImportBatch(ctx.sql, id, sheet.index);
      const result = await apply(ctx);
      const records = await journalRecords(ctx.sql, ctx.tenantId, id, previewRecords);
      return {
        rows: result.rows,
        rowsFailed: result.failed,
        counts: result.counts,
        records,
        issues: toErrorRows(result.issues).map((e) => ({
          sheet: sheet.index,
          rowNo: e.rowNo,
          column: e.column ?? null,
          value: e.value ?? null,
          message: e.message,
        })),
      };
    } finally {
      // Nothing of the dry run stays: its rows, its journal lines and its `m4s.import_id` go with the savepoint.
      await ctx.sql.executeSql('ROLLBACK TO SAVEPOINT import_preview');
      await ctx.sql.executeSql('RELEASE SAVEPOINT import_preview');
    }
  });
};
