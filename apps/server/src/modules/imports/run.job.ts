import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { ImportKind } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { fieldMessage } from '../../platform/i18n.ts';
import { defineJob, type JobSteps } from '../../platform/jobs/queue.ts';
import { dayIn } from '../../platform/time/zone.ts';
import { readTable, UnreadableFileError, type FileFormat } from './file-reader.ts';
import { countXlsxRows } from './xlsx-zip.ts';
import * as q from './imports.queries.ts';
import { loadLookups, type Lookups } from './lookups.ts';
import { kindHandlers } from './kinds.ts';
import { markImportBatch, undoFromJournal } from './journal.ts';
import { addCounts, bump, columnsOf, fieldReader, toErrorRows } from './rows.ts';
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
    rowsDone: 0,
    rowsFailed: 0,
    counts: {},
    errorCounts: {},
    unlisted: {},
    failure: null,
  });
};

type Job = NonNullable<Awaited<ReturnType<typeof claim>>>;

/**
 * Reads the file row by row and applies it in batches, each in its own short transaction together with
 * its error rows and the progress counters — so a page that polls sees the run move, and a crash loses
 * at most the batch in flight. Only the batch being assembled is held in memory. What a row means is the
 * kind's (kinds.ts).
 */
const runImport = async (job: JobSteps, run: Job, path: string) => {
  const format = run.fileFormat;
  const handler = kindHandlers[run.kind];
  const columns = columnsOf(run.headers, run.mapping ?? {});
  const header = (field: string) => columns.get(field)?.header ?? null;
  const lookups: Lookups = await job.step((ctx) => loadLookups(ctx.db, ctx.tenantId, run.createdBy));
  const kind = handler.start({
    lookups,
    today: dayIn(run.createdAt, lookups.timezone),
    header,
    sourceId: run.sourceId,
  });
  const assertSameHeaders = (headers: string[]) => {
    if (headers.join('\u0001') !== run.headers.join('\u0001')) throw new UnreadableFileError('import_file_changed');
  };

  // A first, cheap pass: how many rows (for the progress bar) and what the kind wants to know of every
  // row first. An .xlsx of a kind that needs no pass (no `scan`) only has its rows counted in the zip (no parse).
  const counted = !kind.scan && format === 'xlsx' ? await countXlsxRows(path) : null;
  let total = counted === null ? 0 : Math.max(0, counted - 1);
  if (counted === null)
    for await (const item of readTable(path, format)) {
      if ('headers' in item) {
        assertSameHeaders(item.headers);
        continue;
      }
      total += 1;
      kind.scan?.(fieldReader(item.row, columns));
    }
  await job.step((ctx) => q.updateImportJob(ctx.db, ctx.tenantId, run.id, { rowsTotal: total }));

  const totals = { rows: 0, failed: 0, counts: {} as Record<string, number>, errorsStored: 0 };
  const errorCounts: Record<string, number> = {};
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
        await markImportBatch(ctx.sql, run.id);
        const res = await apply(ctx);
        // The first importErrorCap lines are stored; every one is counted by its message.
        const errorRows = toErrorRows(res.issues);
        const stored = errorRows.slice(0, Math.max(0, importErrorCap - totals.errorsStored));
        await q.insertImportErrors(ctx.db, ctx.tenantId, run.id, stored);
        const byMessage = { ...errorCounts };
        for (const e of errorRows) bump(byMessage, e.message);
        const next = {
          rows: totals.rows + res.rows,
          failed: totals.failed + res.failed,
          errorsStored: totals.errorsStored + stored.length,
        };
        const counts = { ...totals.counts };
        addCounts(counts, res.counts);
        await q.updateImportJob(ctx.db, ctx.tenantId, run.id, {
          rowsDone: next.rows,
          rowsFailed: next.failed,
          counts,
          errorCounts: byMessage,
        });
        if (res.unlisted) await mergeUnlisted(ctx.sql, ctx.tenantId, run.id, res.unlisted);
        // The totals move on as the transaction commits (a failed batch fails the run).
        Object.assign(totals, { ...next, counts });
        Object.assign(errorCounts, byMessage);
      })
      .then(() => (analyzeAfter ? job.analyze(handler.grownTables) : undefined));
    // A failure surfaces at the next flush; until then it must not count as unhandled.
    inFlight.catch(() => undefined);
  };

  const readAll = async () => {
    for await (const item of readTable(path, format)) {
      if ('headers' in item) {
        assertSameHeaders(item.headers);
        continue;
      }
      kind.read(fieldReader(item.row, columns));
      if (kind.held() >= importBatchRows) await flush(false);
    }
    await flush(true);
    await inFlight;
  };

  try {
    await readAll();
  } finally {
    // Never leave a batch running behind a failure: the run's end is written after it.
    await inFlight.catch(() => undefined);
  }
  return { total, totals };
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
      try {
        const { totals } = await runImport(job, run, path);
        await job.step(async (ctx) => {
          await q.updateImportJob(ctx.db, ctx.tenantId, importId, {
            status: 'done',
            rowsTotal: totals.rows,
            finishedAt: ctx.clock.now(),
          });
          await auditImport(ctx, run, { ...totals });
        });
      } catch (error) {
        if (!(error instanceof UnreadableFileError)) job.log.error({ err: error, importId }, 'import failed');
        // Never half a sheet: what the run's committed batches wrote is undone with the run's end — unless a
        // person changed one of those records meanwhile (their edit is never overwritten): then all of it stays
        // and the failure text says so.
        await job.step(async (ctx) => {
          const undone = await undoFromJournal(ctx.sql, ctx.tenantId, importId);
          if (!undone.ok)
            job.log.warn(
              { importId, blockers: undone.blockers.length },
              'failed import could not be taken back: records changed meanwhile',
            );
          await q.updateImportJob(ctx.db, ctx.tenantId, importId, {
            status: 'failed',
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
  totals: { rows: number; failed: number; counts: Record<string, number> },
) =>
  audit(ctx, {
    action: 'customer.imported',
    target: { type: 'import', id: run.id },
    ...(run.createdBy ? { actor: { kind: 'staff' as const, id: run.createdBy } } : {}),
    details: {
      kind: run.kind,
      fileName: run.fileName,
      sha256: run.fileSha256,
      rows: totals.rows,
      rowsFailed: totals.failed,
      counts: totals.counts,
    },
  });
