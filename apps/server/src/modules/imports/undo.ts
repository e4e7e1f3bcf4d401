import type { ImportJob, ImportUndoBlocker } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import * as q from './imports.queries.ts';
import { toImportJob } from './imports.service.ts';
import { recordLabels, undoFromJournal } from './journal.ts';

/** At most this many blocking records are named in the refusal. */
const blockersShown = 50;

/**
 * Undoes a finished run from its journal, in the request's one transaction: what it created is removed
 * (children first), what it filled in restored — only while every one of those records is still as the
 * run left it. Otherwise a 409 that names the blocking records (kind and a masked label, never raw PII).
 */
export const undoImport = async (ctx: StaffCtx, id: string): Promise<ImportJob> => {
  authorize(ctx.actor, 'customer.import');
  const row = await q.findImportJob(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.status !== 'done')
    throw new AppError('CONFLICT', undefined, { issues: [{ path: 'status', message: 'import_undo_not_done' }] });
  const result = await undoFromJournal(ctx.sql, ctx.tenantId, id);
  if (!result.ok) {
    const shown = result.blockers.slice(0, blockersShown);
    const labels = await recordLabels(ctx.sql, ctx.tenantId, shown);
    const blockers: ImportUndoBlocker[] = shown.map((b) => ({
      table: b.table,
      label: (b.rowId && labels.get(`${b.table}:${b.rowId}`)) || null,
      reason: b.reason,
    }));
    throw new AppError('CONFLICT', undefined, {
      issues: [{ path: 'undo', message: 'import_undo_blocked' }],
      blockers,
      blockersTotal: result.blockers.length,
    });
  }
  const updated = await q.updateImportJob(ctx.db, ctx.tenantId, id, { status: 'undone' });
  if (!updated) throw new AppError('NOT_FOUND');
  await audit(ctx, {
    action: 'customer.import_undone',
    target: { type: 'import', id },
    details: { kind: row.kind, fileName: row.fileName, sha256: row.fileSha256, counts: row.counts },
  });
  return toImportJob(updated);
};
