import { bigint, foreignKey, integer, jsonb, pgTable, pgView, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { importJobs } from './imports.ts';
import { tenantPolicy } from './tenant-table.ts';
import { tenants } from './tenancy.ts';

/**
 * The change journal of import runs (migrations 0034, 0037; modules/imports/journal.ts): one line per statement
 * a run made on a journaled table, written by statement-level triggers only in a transaction that set
 * `m4s.import_id` — the ids it inserted or updated, the fingerprint of each row as the run left it (an undo goes
 * ahead only while the row still has it) and, for an update, each row before.
 */
export const importChangeLog = pgTable(
  'import_change_log',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    importId: uuid('import_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    /** The workbook sheet whose batch wrote it (`m4s.import_sheet`), null for a one-sheet file. */
    sheet: integer('sheet'),
    tableName: text('table_name').notNull(),
    op: text('op', { enum: ['insert', 'update'] }).notNull(),
    rowIds: uuid('row_ids').array().notNull(),
    newHashes: bigint('new_hashes', { mode: 'bigint' }).array().notNull(),
    oldRows: jsonb('old_rows').array(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.importId, t.seq] }),
    tenantPolicy('import_change_log'),
    foreignKey({ columns: [t.tenantId, t.importId], foreignColumns: [importJobs.tenantId, importJobs.id] }).onDelete(
      'cascade',
    ),
  ],
).enableRLS();

/** The journal one row per changed record (a view over the lines, under the reader's tenant policy). */
export const importChanges = pgView('import_changes', {
  tenantId: uuid('tenant_id').notNull(),
  importId: uuid('import_id').notNull(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  sheet: integer('sheet'),
  tableName: text('table_name').notNull(),
  rowId: uuid('row_id').notNull(),
  op: text('op', { enum: ['insert', 'update'] }).notNull(),
  oldRow: jsonb('old_row').$type<Record<string, unknown>>(),
  newHash: bigint('new_hash', { mode: 'bigint' }).notNull(),
}).existing();
