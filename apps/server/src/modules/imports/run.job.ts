import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { ImportKind, ImportSheet } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { fieldMessage } from '../../platform/i18n.ts';
import { defineJob, type JobSteps } from '../../platform/jobs/queue.ts';
import { dayIn } from '../../platform/time/zone.ts';
import { openWorkbook, tableOf, UnreadableFileError, type FileFormat } from './file-reader.ts';
import * as q from './imports.queries.ts';
import { loadLookups, type Lookups } from './lookups.ts';
import { kindHandlers } from './kinds.ts';
import { markImportBatch, undoFromJournal } from './journal.ts';
import { addCounts, bump, columnsOf, fieldReader, toErrorRows } from './rows.ts';
import { runOrder, sheetsOf, unstarted } from './sheets.ts';
import { mergeUnlisted } from './unlisted.ts';

export const importRunJobName = 'imports.run';

/** Rows per transaction: short enough that requests never wait long behind an import on PGlite. */
export const importBatchRows = 500;

/** Error lines stored per run: past them only the counts by message grow (a file of garbage stays bounded). */
export const importErrorCap = 10_000;

export const uploadPath = (dataDir: string, tenantId: string, importId: string, format: FileFormat) =>
  join(resolve(dataDir), 'uploads', tenantId, `${importId}.${format}`);

/** Takes the run: a queued job, or one left running by a crash (run again from the top: it is idempotent). */
const claim = async (ctx: Ctx, importId: string) => {
  const row = await q.findImportJob(ctx.db, ctx.tenantId, importId);
  if (!row || (row.status !== 'queued' && row.status !== 'running') || !row.mapping) return null;
  await q.deleteImportErrors(ctx.db, ctx.tenantId, importId);
  return q.updateImportJob(ctx.db, ctx.tenantId, importId, {
    status: 'running',
    startedAt: ctx.clock.now(),
    rowsTotal: null,
    rowsDone: 0,
    rowsFailed: 0,
    counts: {},
    errorCounts: {},
    unlisted: {},
    failure: null,
    sheets: sheetsOf(row).map(unstarted),
  });
};

type Job = NonNullable<Awaited<ReturnType<typeof claim>>>;

/** The run's progress as the page sees it: every sheet's, and the totals over them. */
type Progress = {
  sheets: ImportSheet[];
  totals: { rows: number; failed: number; counts: Record<string, number> };
  /** Error lines stored so far (at most importErrorCap per run), and every error counted by its message. */
  errorsStored: number;
  errorCounts: Record<string, number>;
};

const totalRows = (p: Progress) => {
  const chosen = p.sheets.filter((s) => s.status !== 'left_out');
  return chosen.every((s) => s.rowsTotal !== null) ? chosen.reduce((n, s) => n + (s.rowsTotal ?? 0), 0) : null;
};

/** Writes the progress (in the step's transaction): the sheets, and the run's totals. */
const saveProgress = (ctx: Ctx, importId: string, p: Progress) =>
  q.updateImportJob(ctx.db, ctx.tenantId, importId, {
    sheets: p.sheets,
    rowsTotal: totalRows(p),
    rowsDone: p.totals.rows,
    rowsFailed: p.totals.failed,
    counts: p.totals.counts,
    errorCounts: p.errorCounts,
  });

const setSheet = (p: Progress, index: number, change: Partial<ImportSheet>) => {
  p.sheets = p.sheets.map((s) => (s.index === index ? { ...s, ...change } : s));
};

/**
 * Reads each chosen sheet row by row and applies it in batches, each in its own short transaction
 * together with its error rows and the progress counters — so a page that polls sees the run move, and a
 * crash loses at most the batch in flight. Only the batch being assembled is held in memory. The sheets
 * go in dependency order (customers before their cars, cars before their orders: `importKindOrder`),
 * each with its own kind handler (kinds.ts), first pass and batches; a sheet left out is not read.
 */
const runImport = async (job: JobSteps, run: Job, path: string, progress: Progress) => {
  const book = await openWorkbook(path, run.fileFormat);
  const lookups: Lookups = await job.step((ctx) => loadLookups(ctx.db, ctx.tenantId, run.createdBy));
  const today = dayIn(run.createdAt, lookups.timezone);
  const staffReported = new Set<string>();

  const planned = runOrder(progress.sheets).map((sheet) => {
    const handler = kindHandlers[sheet.kind];
    const columns = columnsOf(sheet.headers, sheet.mapping);
    const header = (field: string) => columns.get(field)?.header ?? null;
    const table = () => {
      // The sheet must still be the one previewed (a sheet's header moved: the file changed).
      const rows = tableOf(book.rows(sheet.index));
      return (async function* () {
        for await (const item of rows) {
          if ('headers' in item) {
            if (item.headers.join('\u0001') !== sheet.headers.join('\u0001'))
              throw new UnreadableFileError('import_file_changed');
            continue;
          }
          yield item.row;
        }
      })();
    };
    return {
      sheet,
      handler,
      columns,
      table,
      kind: handler.start({ lookups, today, header, sourceId: run.sourceId, staffReported }),
    };
  });

  // First, cheap passes: how many rows each sheet has (for the progress bars) and what its kind wants to
  // know of every row first. An .xlsx sheet of a kind that needs no pass (no `scan`) only has its rows
  // counted in the zip (no parse).
  for (const { sheet, kind, columns, table } of planned) {
    const counted = kind.scan ? null : await book.countRows(sheet.index);
    let total = counted === null ? 0 : Math.max(0, counted - 1);
    if (counted === null)
      for await (const row of table()) {
        total += 1;
        kind.scan?.(fieldReader(row, columns));
      }
    setSheet(progress, sheet.index, { rowsTotal: total });
    await job.step((ctx) => saveProgress(ctx, run.id, progress));
  }

  for (const { sheet, handler, kind, columns, table } of planned) {
    // Written with the sheet's first batch (and its end with the next step): no extra transaction.
    setSheet(progress, sheet.index, { status: 'running' });
    const done = { rows: 0, failed: 0, counts: {} as Record<string, number> };
    // The batch in flight: the next one is read from the file while the database applies this one.
    let inFlight: Promise<void> = Promise.resolve();
    let batches = 0;
    const flush = async (final: boolean) => {
      batches += 1;
      // Fresh statistics as the tables grow (after batches 1, 2, 4, 8 …): see JobSteps.analyze.
      const analyzeAfter = (batches & (batches - 1)) === 0;
      const apply = kind.take(final);
      await inFlight;
      inFlight = job
        .step(async (ctx) => {
          await markImportBatch(ctx.sql, run.id, sheet.index);
          const res = await apply(ctx);
          // The run's first importErrorCap lines are stored; every one is counted by its message.
          const errorRows = toErrorRows(res.issues).map((e) => ({ ...e, sheet: sheet.index }));
          const stored = errorRows.slice(0, Math.max(0, importErrorCap - progress.errorsStored));
          await q.insertImportErrors(ctx.db, ctx.tenantId, run.id, stored);
          const errorCounts = { ...progress.errorCounts };
          for (const e of errorRows) bump(errorCounts, e.message);
          const sheetNext = {
            rows: done.rows + res.rows,
            failed: done.failed + res.failed,
            counts: { ...done.counts },
          };
          addCounts(sheetNext.counts, res.counts);
          const totals = {
            rows: progress.totals.rows + res.rows,
            failed: progress.totals.failed + res.failed,
            counts: { ...progress.totals.counts },
          };
          addCounts(totals.counts, res.counts);
          const next: Progress = {
            sheets: progress.sheets,
            totals,
            errorsStored: progress.errorsStored + stored.length,
            errorCounts,
          };
          setSheet(next, sheet.index, {
            rowsDone: sheetNext.rows,
            rowsFailed: sheetNext.failed,
            counts: sheetNext.counts,
          });
          await saveProgress(ctx, run.id, next);
          if (res.unlisted) await mergeUnlisted(ctx.sql, ctx.tenantId, run.id, res.unlisted);
          // The progress moves on as the transaction commits (a failed batch fails the run).
          Object.assign(done, sheetNext);
          Object.assign(progress, next);
        })
        .then(() => (analyzeAfter ? job.analyze(handler.grownTables, 'changed') : undefined));
      // A failure surfaces at the next flush; until then it must not count as unhandled.
      inFlight.catch(() => undefined);
    };

    try {
      for await (const row of table()) {
        kind.read(fieldReader(row, columns));
        if (kind.held() >= importBatchRows) await flush(false);
      }
      await flush(true);
      await inFlight;
    } finally {
      // Never leave a batch running behind a failure: the run's end is written after it.
      await inFlight.catch(() => undefined);
    }
    // The sheet's total is the rows it really had (a first pass counted in the zip may include blanks).
    setSheet(progress, sheet.index, { status: 'done', rowsTotal: done.rows });
  }
};

const failureOf = (error: unknown) => {
  if (error instanceof UnreadableFileError) return fieldMessage('zh-CN', error.key, error.key);
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fieldMessage('zh-CN', 'import_file_gone', 'gone');
  return fieldMessage('zh-CN', 'import_failed', 'failed');
};

/** The background run of one import (see docs/imports.md). */
export const importRunJob = (dataDir: string) =>
  defineJob({
    name: importRunJobName,
    payload: z.object({ tenantId: z.uuid(), importId: z.uuid() }),
    retryLimit: 3,
    expireInSeconds: 3 * 3600,
    steps: async (job, { importId }) => {
      const run = await job.step((ctx) => claim(ctx, importId));
      if (!run) return;
      const path = uploadPath(dataDir, job.tenantId, importId, run.fileFormat);
      const progress: Progress = {
        sheets: sheetsOf(run),
        totals: { rows: 0, failed: 0, counts: {} },
        errorsStored: 0,
        errorCounts: {},
      };
      try {
        await runImport(job, run, path, progress);
        await job.step(async (ctx) => {
          await q.updateImportJob(ctx.db, ctx.tenantId, importId, {
            status: 'done',
            sheets: progress.sheets,
            rowsTotal: progress.totals.rows,
            finishedAt: ctx.clock.now(),
          });
          await auditImport(ctx, run, progress);
        });
      } catch (error) {
        if (!(error instanceof UnreadableFileError)) job.log.error({ err: error, importId }, 'import failed');
        // Never half a sheet: what the run's committed batches wrote is undone with the run's end — unless a
        // person changed one of those records meanwhile (their edit is never overwritten): then all of it stays
        // and the failure text says so. The sheet it stopped in failed; those after it were never reached.
        await job.step(async (ctx) => {
          const undone = await undoFromJournal(ctx.sql, ctx.tenantId, importId);
          if (!undone.ok)
            job.log.warn(
              { importId, blockers: undone.blockers.length },
              'failed import could not be taken back: records changed meanwhile',
            );
          await q.updateImportJob(ctx.db, ctx.tenantId, importId, {
            status: 'failed',
            sheets: progress.sheets.map((sh) => ({
              ...sh,
              ...(sh.status === 'running' ? { status: 'failed' as const } : {}),
              ...(undone.ok ? { counts: {} } : {}),
            })),
            failure: `${failureOf(error)} ${fieldMessage('zh-CN', undone.ok ? 'import_failed_undone' : 'import_failed_kept', '')}`,
            ...(undone.ok ? { counts: {}, unlisted: {} } : {}),
            finishedAt: ctx.clock.now(),
          });
        });
      } finally {
        await rm(path, { force: true });
      }
    },
  });

/** One audit entry per import, in the name of whoever uploaded it — never one per row. */
const auditImport = (
  ctx: Ctx,
  run: { id: string; kind: ImportKind; fileName: string; fileSha256: string; createdBy: string | null },
  progress: Progress,
) =>
  audit(ctx, {
    action: 'customer.imported',
    target: { type: 'import', id: run.id },
    ...(run.createdBy ? { actor: { kind: 'staff' as const, id: run.createdBy } } : {}),
    details: {
      kind: run.kind,
      fileName: run.fileName,
      sha256: run.fileSha256,
      rows: progress.totals.rows,
      rowsFailed: progress.totals.failed,
      counts: progress.totals.counts,
      sheets: progress.sheets.map((s) => ({
        name: s.name,
        kind: s.kind,
        status: s.status,
        rows: s.rowsDone,
        rowsFailed: s.rowsFailed,
      })),
    },
  });
