import { and, asc, count, desc, eq, gt, or, sql } from 'drizzle-orm';
import type { ImportKind } from '@m4s/contracts';
import { importErrors, importJobs, importMappings } from '../../platform/db/schema/index.ts';
import type { SqlExecutor, Tx } from '../../platform/db/types.ts';
import type { Person } from '../../platform/personal-data.ts';

export type ImportJobRow = typeof importJobs.$inferSelect;
export type ImportErrorInsert = Omit<typeof importErrors.$inferInsert, 'tenantId' | 'importId'>;

export const insertImportJob = async (db: Tx, values: typeof importJobs.$inferInsert) => {
  const [row] = await db.insert(importJobs).values(values).returning();
  if (!row) throw new Error('import job insert returned nothing');
  return row;
};

export const findImportJob = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.tenantId, tenantId), eq(importJobs.id, id)));
  return row ?? null;
};

export const recentImportJobs = (db: Tx, tenantId: string, limit: number) =>
  db
    .select()
    .from(importJobs)
    .where(eq(importJobs.tenantId, tenantId))
    .orderBy(desc(importJobs.createdAt), desc(importJobs.id))
    .limit(limit);

export const updateImportJob = async (
  db: Tx,
  tenantId: string,
  id: string,
  values: Partial<Omit<typeof importJobs.$inferInsert, 'tenantId' | 'id'>>,
) => {
  const [row] = await db
    .update(importJobs)
    .set(values)
    .where(and(eq(importJobs.tenantId, tenantId), eq(importJobs.id, id)))
    .returning();
  return row ?? null;
};

export const savedMapping = async (db: Tx, tenantId: string, kind: ImportKind) => {
  const [row] = await db
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(and(eq(importMappings.tenantId, tenantId), eq(importMappings.kind, kind)));
  return row?.mapping ?? null;
};

/** The tenant's saved mapping of every kind (the suggestions of a workbook's sheets). */
export const savedMappings = async (db: Tx, tenantId: string) => {
  const rows = await db
    .select({ kind: importMappings.kind, mapping: importMappings.mapping })
    .from(importMappings)
    .where(eq(importMappings.tenantId, tenantId));
  return Object.fromEntries(rows.map((r) => [r.kind, r.mapping])) as Partial<
    Record<ImportKind, Record<string, string>>
  >;
};

export const saveMapping = async (
  db: Tx,
  values: { tenantId: string; kind: ImportKind; mapping: Record<string, string>; updatedBy: string; now: Date },
) => {
  await db
    .insert(importMappings)
    .values({ ...values, updatedAt: values.now })
    .onConflictDoUpdate({
      target: [importMappings.tenantId, importMappings.kind],
      set: { mapping: values.mapping, updatedBy: values.updatedBy, updatedAt: values.now },
    });
};

export const insertImportErrors = async (db: Tx, tenantId: string, importId: string, rows: ImportErrorInsert[]) => {
  for (let i = 0; i < rows.length; i += 1000)
    await db.insert(importErrors).values(rows.slice(i, i + 1000).map((r) => ({ ...r, tenantId, importId })));
};

export const deleteImportErrors = (db: Tx, tenantId: string, importId: string) =>
  db.delete(importErrors).where(and(eq(importErrors.tenantId, tenantId), eq(importErrors.importId, importId)));

const errorColumns = {
  id: importErrors.id,
  sheet: importErrors.sheet,
  rowNo: importErrors.rowNo,
  column: importErrors.column,
  value: importErrors.value,
  message: importErrors.message,
};

/** One page of a run's errors (of one sheet when `sheet` is given), by sheet and row. */
export const importErrorPage = async (
  db: Tx,
  tenantId: string,
  importId: string,
  page: { limit: number; offset: number; sheet?: number | undefined },
) => {
  const where = and(
    eq(importErrors.tenantId, tenantId),
    eq(importErrors.importId, importId),
    page.sheet === undefined ? undefined : eq(importErrors.sheet, page.sheet),
  );
  const { limit, offset } = page;
  const items = await db
    .select(errorColumns)
    .from(importErrors)
    .where(where)
    .orderBy(
      asc(importErrors.sheet),
      asc(importErrors.rowNo),
      asc(importErrors.column),
      asc(importErrors.message),
      asc(importErrors.id),
    )
    .limit(limit)
    .offset(offset);
  const [total] = await db.select({ n: count() }).from(importErrors).where(where);
  return { items, total: Number(total?.n ?? 0) };
};

/** How many lines of each message a run stored (the rest are only counted: import_jobs.error_counts). */
export const storedErrorCounts = async (db: Tx, tenantId: string, importId: string) => {
  const rows = await db
    .select({ message: importErrors.message, n: count() })
    .from(importErrors)
    .where(and(eq(importErrors.tenantId, tenantId), eq(importErrors.importId, importId)))
    .groupBy(importErrors.message);
  return new Map(rows.map((r) => [r.message, Number(r.n)]));
};

/** Keyset paging for the downloadable report: the page after (sheet, rowNo, id). */
export const importErrorsAfter = (
  db: Tx,
  tenantId: string,
  importId: string,
  after: { sheet: number; rowNo: number; id: string } | null,
  limit: number,
) =>
  db
    .select(errorColumns)
    .from(importErrors)
    .where(
      and(
        eq(importErrors.tenantId, tenantId),
        eq(importErrors.importId, importId),
        after
          ? or(
              gt(importErrors.sheet, after.sheet),
              and(eq(importErrors.sheet, after.sheet), gt(importErrors.rowNo, after.rowNo)),
              and(
                eq(importErrors.sheet, after.sheet),
                eq(importErrors.rowNo, after.rowNo),
                sql`${importErrors.id} > ${after.id}`,
              ),
            )
          : undefined,
      ),
    )
    .orderBy(asc(importErrors.sheet), asc(importErrors.rowNo), asc(importErrors.id))
    .limit(limit);

/**
 * Whether a cell of an uploaded file names the person ($2 names, $3 phones, $4 e-mail addresses): the
 * whole cell is one of their names or addresses, or its digits hold one of their phones (+86, spaces…).
 */
const namesPerson = (cell: string) => `(btrim(${cell}) = ANY($2::text[]) OR lower(btrim(${cell})) = ANY($4::text[])
    OR EXISTS (SELECT 1 FROM unnest($3::text[]) ph WHERE regexp_replace(${cell}, '[^0-9]', '', 'g') LIKE '%' || ph || '%'))`;

/**
 * Erasure: the rows of uploaded files that name the person go — rejected rows (every error of the row) and
 * the rows of the runs' previews (the import's own and every sheet's). The runs themselves (file name,
 * counts) stay.
 */
export const forgetPersonInImports = async (sql: SqlExecutor, tenantId: string, person: Person) => {
  const values = [tenantId, person.names, person.phones, person.emails.map((e) => e.toLowerCase())];
  await sql.executeSql(
    `DELETE FROM import_errors e WHERE e.tenant_id = $1 AND (e.import_id, e.sheet, e.row_no) IN (
        SELECT x.import_id, x.sheet, x.row_no FROM import_errors x WHERE x.tenant_id = $1 AND x.value IS NOT NULL
          AND ${namesPerson('x.value')})`,
    values,
  );
  await sql.executeSql(
    `UPDATE import_jobs j SET sample_rows = (
        SELECT coalesce(jsonb_agg(r.row ORDER BY r.n), '[]'::jsonb)
          FROM jsonb_array_elements(j.sample_rows) WITH ORDINALITY AS r(row, n)
          WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(r.row) c WHERE ${namesPerson('c')}))
      WHERE j.tenant_id = $1 AND EXISTS (
        SELECT 1 FROM jsonb_array_elements(j.sample_rows) r(row), jsonb_array_elements_text(r.row) c
          WHERE ${namesPerson('c')})`,
    values,
  );
  await sql.executeSql(
    `UPDATE import_jobs j SET sheets = (
        SELECT coalesce(jsonb_agg(jsonb_set(s.sheet, '{sampleRows}', (
            SELECT coalesce(jsonb_agg(r.row ORDER BY r.n), '[]'::jsonb)
              FROM jsonb_array_elements(s.sheet->'sampleRows') WITH ORDINALITY AS r(row, n)
              WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(r.row) c WHERE ${namesPerson('c')})))
          ORDER BY s.n), '[]'::jsonb)
          FROM jsonb_array_elements(j.sheets) WITH ORDINALITY AS s(sheet, n))
      WHERE j.tenant_id = $1 AND EXISTS (
        SELECT 1 FROM jsonb_array_elements(j.sheets) s(sheet), jsonb_array_elements(s.sheet->'sampleRows') r(row),
               jsonb_array_elements_text(r.row) c
          WHERE ${namesPerson('c')})`,
    values,
  );
};
