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
 * Who the customer is, gathered from every module before anything is erased (the phones go first, the
 * name is blanked): what the other modules look their rows up by — the person's app accounts are found by
 * phone, messages by their recipient — and what the audit entry of the erasure must not repeat.
 */
export type Person = {
  customerId: string;
  names: string[];
  phones: string[];
  emails: string[];
  /** The person's owner-app accounts (same phone), which hold sessions, bindings and inbox messages. */
  ownerIds: string[];
};

/**
 * What one module holds about a customer (PIPL access, erasure, merge), declared in its own
 * `<module>.personal-data.ts` and listed once in src/personal-data.ts. A test reads the database's
 * foreign keys and fails when a table that references customers is declared by no module.
 */
export type PersonalData = {
  module: string;
  tables: readonly CustomerTable[];
  /** What the module knows that names the person (added to what the parts before it found). */
  identify?: (ctx: StaffCtx, person: Person) => Promise<Partial<Omit<Person, 'customerId'>>>;
  /**
   * Its part of the access request's document (top-level keys, readable field names), unmasked; the caller
   * has checked permission.
   */
  export?: (ctx: StaffCtx, customerId: string, person: Person) => Promise<Record<string, unknown>>;
  /**
   * What erasure does beyond deleting the 'delete' tables' rows: blanking the 'blank' ones, and whatever the
   * module holds about the person through something else than a customer reference (an app account…).
   * Business records and amounts stay; the text that names or quotes the person goes.
   */
  erase?: (ctx: StaffCtx, customerId: string, person: Person) => Promise<void>;
  /** Runs before any row moves (e.g. the duplicate's phones stop being primary). */
  beforeMerge?: (ctx: StaffCtx, ids: { intoId: string; fromId: string }) => Promise<void>;
};

export const definePersonalData = (part: PersonalData): PersonalData => part;

/** Who the customer is, as every part knows them (in the list's order: later parts see what earlier ones found). */
export const identifyPerson = async (ctx: StaffCtx, parts: readonly PersonalData[], customerId: string) => {
  const person: Person = { customerId, names: [], phones: [], emails: [], ownerIds: [] };
  for (const part of parts) {
    if (!part.identify) continue;
    const found = await part.identify(ctx, person);
    for (const key of ['names', 'phones', 'emails', 'ownerIds'] as const)
      for (const value of found[key] ?? []) if (value && !person[key].includes(value)) person[key].push(value);
  }
  return person;
};

/** Every part's document, merged in the list's order. */
export const exportParts = async (ctx: StaffCtx, parts: readonly PersonalData[], customerId: string) => {
  const person = await identifyPerson(ctx, parts, customerId);
  const document: Record<string, unknown> = {};
  for (const part of parts) if (part.export) Object.assign(document, await part.export(ctx, customerId, person));
  return document;
};

/**
 * The person is identified first; then, part by part in the list's order, the 'delete' tables' rows go and
 * the module erases the rest. Returns who was erased (for an audit entry that must not name them).
 */
export const eraseParts = async (ctx: StaffCtx, parts: readonly PersonalData[], customerId: string) => {
  const person = await identifyPerson(ctx, parts, customerId);
  for (const part of parts) {
    for (const t of part.tables)
      if (t.erase === 'delete')
        await ctx.sql.executeSql(`DELETE FROM ${t.table} WHERE tenant_id = $1 AND ${t.column} = $2`, [
          ctx.tenantId,
          customerId,
        ]);
    if (part.erase) await part.erase(ctx, customerId, person);
  }
  return person;
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
