import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { ImportSource, ImportSourceInput } from '@m4s/contracts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { importKeys, importSources } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';
import { AppError } from '../../platform/errors.ts';

type SourceRow = typeof importSources.$inferSelect;

const toSource = (row: SourceRow, keys: Record<string, number>): ImportSource => ({
  id: row.id,
  name: row.name,
  isDefault: row.isDefault,
  keys,
  createdAt: row.createdAt.toISOString(),
});

const keyCounts = async (db: Tx, tenantId: string) => {
  const rows = await db
    .select({ sourceId: importKeys.sourceId, entity: importKeys.entity, n: count() })
    .from(importKeys)
    .where(eq(importKeys.tenantId, tenantId))
    .groupBy(importKeys.sourceId, importKeys.entity);
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) out.set(r.sourceId, { ...(out.get(r.sourceId) ?? {}), [r.entity]: Number(r.n) });
  return out;
};

const nameTaken = () =>
  new AppError('CONFLICT', undefined, { issues: [{ path: 'name', message: 'import_source_taken' }] });

const byName = async (db: Tx, tenantId: string, name: string) =>
  (
    await db
      .select({ id: importSources.id })
      .from(importSources)
      .where(and(eq(importSources.tenantId, tenantId), eq(importSources.name, name)))
  )[0];

/** The tenant's sources, the default first then by name, with how many keys each holds. */
export const listSources = async (ctx: StaffCtx) => {
  authorize(ctx.actor, 'customer.import');
  const rows = await ctx.db
    .select()
    .from(importSources)
    .where(eq(importSources.tenantId, ctx.tenantId))
    .orderBy(desc(importSources.isDefault), asc(importSources.name));
  const keys = await keyCounts(ctx.db, ctx.tenantId);
  return rows.map((r) => toSource(r, keys.get(r.id) ?? {}));
};

export const createSource = async (ctx: StaffCtx, input: ImportSourceInput) => {
  authorize(ctx.actor, 'customer.import');
  if (await byName(ctx.db, ctx.tenantId, input.name)) throw nameTaken();
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(importSources)
    .values({ tenantId: ctx.tenantId, name: input.name, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error('import source insert returned nothing');
  return toSource(row, {});
};

/** A new name for a source: its keys stay (they hang on the source's id). */
export const renameSource = async (ctx: StaffCtx, id: string, input: ImportSourceInput) => {
  authorize(ctx.actor, 'customer.import');
  const other = await byName(ctx.db, ctx.tenantId, input.name);
  if (other && other.id !== id) throw nameTaken();
  const [row] = await ctx.db
    .update(importSources)
    .set({ name: input.name, updatedAt: ctx.clock.now() })
    .where(and(eq(importSources.tenantId, ctx.tenantId), eq(importSources.id, id)))
    .returning();
  if (!row) throw new AppError('NOT_FOUND');
  return toSource(row, (await keyCounts(ctx.db, ctx.tenantId)).get(row.id) ?? {});
};

/**
 * The source an upload names (its `source` field): a source's id or its name. Unknown: refused (sources
 * are created on the import page, so a typo never opens a new key space). Absent: null, the default.
 */
export const sourceNamed = async (db: Tx, tenantId: string, named: string | null): Promise<string | null> => {
  const text = named?.trim() ?? '';
  if (text === '') return null;
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
  const [row] = await db
    .select({ id: importSources.id })
    .from(importSources)
    .where(and(eq(importSources.tenantId, tenantId), isId ? eq(importSources.id, text) : eq(importSources.name, text)));
  return row?.id ?? null;
};
