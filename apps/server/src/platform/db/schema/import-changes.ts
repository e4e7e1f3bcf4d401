import { bigint, foreignKey, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { importJobs } from './imports.ts';
import { tenantPolicy } from './tenant-table.ts';
import { tenants } from './tenancy.ts';

/**
 * The change journal of import runs (migration 0034, modules/imports/journal.ts): one line per row a run
 * inserted or updated, written by statement-level triggers only in a transaction that set `m4s.import_id`.
 * `old_row` is the row before an update; `new_hash` the fingerprint of the row as the run left it (an undo
 * goes ahead only while the row still has it).
 */
export const importChanges = pgTable(
  'import_changes',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    importId: uuid('import_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    /** The workbook sheet whose batch wrote it (`m4s.import_sheet`), null for a one-sheet file. */
    sheet: integer('sheet'),
    tableName: text('table_name').notNull(),
    rowId: uuid('row_id').notNull(),
    op: text('op', { enum: ['insert', 'update'] }).notNull(),
    oldRow: jsonb('old_row').$type<Record<string, unknown>>(),
    newHash: bigint('new_hash', { mode: 'bigint' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.importId, t.seq] }),
    tenantPolicy('import_changes'),
    foreignKey({ columns: [t.tenantId, t.importId], foreignColumns: [importJobs.tenantId, importJobs.id] }).onDelete(
      'cascade',
    ),
  ],
).enableRLS();
