import { foreignKey, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { importKinds, importStatuses, type ImportSheet } from '@m4s/contracts';
import { importSources } from './import-sources.ts';
import { staff } from './people.ts';
import { tenantKeyColumns, tenantTableRules } from './tenancy.ts';

/** The column mapping a tenant chose for a kind of DMS file, reused on the next upload ("map once"). */
export const importMappings = pgTable(
  'import_mappings',
  {
    ...tenantKeyColumns(),
    kind: text('kind', { enum: importKinds }).notNull(),
    /** field → the file's column header */
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'import_mappings'),
    foreignKey({ columns: [t.tenantId, t.updatedBy], foreignColumns: [staff.tenantId, staff.id] }),
    uniqueIndex('import_mappings_kind_key').on(t.tenantId, t.kind),
  ],
).enableRLS();

/**
 * One uploaded DMS file and its run: the file sits on disk under DATA_DIR/uploads until the run ends;
 * progress counters are written after every batch so a reloaded page picks the run up where it is.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    ...tenantKeyColumns(),
    kind: text('kind', { enum: importKinds }).notNull(),
    status: text('status', { enum: importStatuses }).notNull(),
    fileName: text('file_name').notNull(),
    fileFormat: text('file_format', { enum: ['csv', 'xlsx'] }).notNull(),
    fileBytes: integer('file_bytes').notNull(),
    fileSha256: text('file_sha256').notNull(),
    headers: text('headers').array().notNull(),
    sampleRows: jsonb('sample_rows').$type<string[][]>().notNull().default([]),
    mapping: jsonb('mapping').$type<Record<string, string>>(),
    rowsTotal: integer('rows_total'),
    rowsDone: integer('rows_done').notNull().default(0),
    rowsFailed: integer('rows_failed').notNull().default(0),
    /** created / merged / unchanged counts per entity, e.g. { customersCreated: 3, vehiclesMerged: 1 } */
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    failure: text('failure'),
    /** Reported problems by message, for every row (import_errors keeps only the first importErrorCap). */
    errorCounts: jsonb('error_counts').$type<Record<string, number>>().notNull().default({}),
    /** Catalogue values the file named that matched nothing: 'field\u0001text' → rows (kept as text on the cars). */
    unlisted: jsonb('unlisted').$type<Record<string, number>>().notNull().default({}),
    createdBy: uuid('created_by'),
    /** The old system the file comes from (import-sources.ts); null: the tenant's default source. */
    sourceId: uuid('source_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /**
     * Every sheet of the file (a CSV: one), its kind or left out, mapping and progress (ImportSheet). The
     * columns above are the first chosen sheet's (kind, headers, sample rows, mapping) and the run's totals.
     * Empty for an import recorded before workbooks (migration 0033): read as its one sheet.
     */
    sheets: jsonb('sheets').$type<ImportSheet[]>().notNull().default([]),
  },
  (t) => [
    ...tenantTableRules(t, 'import_jobs'),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.sourceId], foreignColumns: [importSources.tenantId, importSources.id] }),
    index('import_jobs_created_idx').on(t.tenantId, t.createdAt),
  ],
).enableRLS();

/** A rejected row's reasons, by row number (as the user sees it in Excel) and column header. */
export const importErrors = pgTable(
  'import_errors',
  {
    ...tenantKeyColumns(),
    importId: uuid('import_id').notNull(),
    /** The sheet's index in the file (ImportSheet.index): row numbers are per sheet. */
    sheet: integer('sheet').notNull().default(0),
    rowNo: integer('row_no').notNull(),
    column: text('column'),
    value: text('value'),
    message: text('message').notNull(),
  },
  (t) => [
    ...tenantTableRules(t, 'import_errors'),
    foreignKey({ columns: [t.tenantId, t.importId], foreignColumns: [importJobs.tenantId, importJobs.id] }).onDelete(
      'cascade',
    ),
    index('import_errors_import_idx').on(t.tenantId, t.importId, t.sheet, t.rowNo),
  ],
).enableRLS();
