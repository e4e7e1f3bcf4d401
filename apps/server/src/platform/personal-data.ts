import type { StaffCtx } from './context.ts';

/**
 * A table that points at a customer, and what happens to its rows — on a merge: 'move' them to the kept
 * record, or 'drop' the duplicate's (rows computed from the customer, redone by the next pass); on an
 * erasure: 'delete' them, 'keep' them (business records, proof of consent: they stay, attached to the now
 * anonymous customer), or 'blank' them (the record stays, what the person said goes: the module's `erase`).
 */
export type CustomerTable = {
  table: string;
  column: string;
  merge: 'move' | 'drop';
  erase: 'delete' | 'keep' | 'blank';
};

/**
 * What one module holds about a customer (PIPL access, erasure, merge), declared in its own
 * `<module>.personal-data.ts` and listed once in src/personal-data.ts. A test reads the database's
 * foreign keys and fails when a table that references customers is declared by no module.
 */
export type PersonalData = {
  module: string;
  tables: readonly CustomerTable[];
  /** Its part of the access request's document (top-level keys), unmasked; the caller has checked permission. */
  export?: (ctx: StaffCtx, customerId: string) => Promise<Record<string, unknown>>;
  /** What erasure does beyond deleting the 'delete' tables' rows: blanking the 'blank' ones. */
  erase?: (ctx: StaffCtx, customerId: string) => Promise<void>;
  /** Runs before any row moves (e.g. the duplicate's phones stop being primary). */
  beforeMerge?: (ctx: StaffCtx, ids: { intoId: string; fromId: string }) => Promise<void>;
};

export const definePersonalData = (part: PersonalData): PersonalData => part;

/** Every part's document, merged in the list's order. */
export const exportParts = async (ctx: StaffCtx, parts: readonly PersonalData[], customerId: string) => {
  const document: Record<string, unknown> = {};
  for (const part of parts) if (part.export) Object.assign(document, await part.export(ctx, customerId));
  return document;
};

/** The 'delete' tables' rows go, then each module blanks what it keeps. */
export const eraseParts = async (ctx: StaffCtx, parts: readonly PersonalData[], customerId: string) => {
  for (const part of parts) {
    for (const t of part.tables)
      if (t.erase === 'delete')
        await ctx.sql.executeSql(`DELETE FROM ${t.table} WHERE tenant_id = $1 AND ${t.column} = $2`, [
          ctx.tenantId,
          customerId,
        ]);
    if (part.erase) await part.erase(ctx, customerId);
  }
};

/** Moves every declared reference from `fromId` to `intoId` (after dropping derived rows); rows moved per table. */
export const mergeParts = async (
  ctx: StaffCtx,
  parts: readonly PersonalData[],
  ids: { intoId: string; fromId: string },
): Promise<Record<string, number>> => {
  for (const part of parts) if (part.beforeMerge) await part.beforeMerge(ctx, ids);
  const tables = parts.flatMap((p) => p.tables);
  for (const t of tables.filter((x) => x.merge === 'drop'))
    await ctx.sql.executeSql(`DELETE FROM ${t.table} WHERE tenant_id = $1 AND ${t.column} = $2`, [
      ctx.tenantId,
      ids.fromId,
    ]);
  const moved: Record<string, number> = {};
  for (const t of tables.filter((x) => x.merge === 'move')) {
    const result = await ctx.sql.executeSql(
      `WITH m AS (UPDATE ${t.table} SET ${t.column} = $1 WHERE tenant_id = $2 AND ${t.column} = $3 RETURNING 1)
       SELECT count(*)::int AS n FROM m`,
      [ids.intoId, ctx.tenantId, ids.fromId],
    );
    moved[t.table] = Number(result.rows[0]?.n ?? 0);
  }
  return moved;
};
