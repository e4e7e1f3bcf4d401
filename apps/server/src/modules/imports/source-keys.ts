import { and, eq, inArray } from 'drizzle-orm';
import { defaultImportSourceName, type ImportKeyEntity } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { importJobs, importKeys, importSources } from '../../platform/db/schema/index.ts';
import { newRowId } from '../../platform/db/ids.ts';
import { insertValues } from '../../platform/db/insert-values.ts';
import type { Tx } from '../../platform/db/types.ts';
import { existingCustomers, phoneOwners } from './merge.queries.ts';

/**
 * Source keys (docs/imports.md, "The old system's keys"): the number an old system gave a record, kept
 * as (source, kind, number) → the row it became. Read and written set-wise, one statement per batch.
 */

/** The tenant's default source ("原系统"), created when first needed; a source of that name becomes it. */
export const defaultSource = async (db: Tx, tenantId: string): Promise<{ id: string; name: string }> => {
  const pick = async () =>
    (
      await db
        .select({ id: importSources.id, name: importSources.name })
        .from(importSources)
        .where(and(eq(importSources.tenantId, tenantId), eq(importSources.isDefault, true)))
    )[0];
  const found = await pick();
  if (found) return found;
  const [named] = await db
    .update(importSources)
    .set({ isDefault: true })
    .where(and(eq(importSources.tenantId, tenantId), eq(importSources.name, defaultImportSourceName)))
    .returning({ id: importSources.id, name: importSources.name });
  if (named) return named;
  await db
    .insert(importSources)
    .values({ tenantId, name: defaultImportSourceName, isDefault: true })
    .onConflictDoNothing();
  const created = await pick();
  if (!created) throw new Error('default import source: not created');
  return created;
};

/** The source a run keys its rows under: the one its upload named, else the tenant's default. */
export const sourceOfRun = async (ctx: Ctx, sourceId: string | null) => {
  if (sourceId) {
    const [row] = await ctx.db
      .select({ id: importSources.id, name: importSources.name })
      .from(importSources)
      .where(and(eq(importSources.tenantId, ctx.tenantId), eq(importSources.id, sourceId)));
    if (row) return row;
  }
  return defaultSource(ctx.db, ctx.tenantId);
};

/** The source a run is keyed under, looked up once (in the run's first batch) and then remembered. */
export const runSource = (sourceId: string | null) => {
  let source: { id: string; name: string } | null = null;
  return async (ctx: Ctx) => (source ??= await sourceOfRun(ctx, sourceId));
};

/** number → row id, for the numbers of one batch under one source and kind. */
export const keysOf = async (
  db: Tx,
  tenantId: string,
  sourceId: string,
  entity: ImportKeyEntity,
  numbers: string[],
): Promise<Map<string, string>> => {
  const unique = [...new Set(numbers.filter((n) => n !== ''))];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ number: importKeys.number, entityId: importKeys.entityId })
    .from(importKeys)
    .where(
      and(
        eq(importKeys.tenantId, tenantId),
        eq(importKeys.sourceId, sourceId),
        eq(importKeys.entity, entity),
        inArray(importKeys.number, unique),
      ),
    );
  return new Map(rows.map((r) => [r.number, r.entityId]));
};

/** Which of these rows carry a key of that kind in any source (an order number of another source…). */
export const keyedIds = async (db: Tx, tenantId: string, entity: ImportKeyEntity, ids: string[]) => {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ entityId: importKeys.entityId, sourceId: importKeys.sourceId })
    .from(importKeys)
    .where(and(eq(importKeys.tenantId, tenantId), eq(importKeys.entity, entity), inArray(importKeys.entityId, ids)));
  return new Map(rows.map((r) => [r.entityId, r.sourceId]));
};

export type NewKey = { entity: ImportKeyEntity; number: string; entityId: string };

/**
 * Records the keys of one batch (each number once), a statement per thousand. A key whose row is gone (a customer
 * merged into another, erased) is pointed at the row the number stands for now.
 */
export const writeKeys = async (ctx: Ctx, sourceId: string, keys: NewKey[]) => {
  const rows = [
    ...new Map(keys.filter((k) => k.number !== '').map((k) => [`${k.entity}\u0001${k.number}`, k])).values(),
  ];
  if (rows.length === 0) return;
  await insertValues(ctx.sql, {
    into: 'import_keys',
    tenantId: ctx.tenantId,
    shared: { source_id: sourceId, created_at: ctx.clock.now().toISOString() },
    columns: ['id', 'entity', 'number', 'entity_id'],
    rows: rows.map((k) => [newRowId(), k.entity, k.number, k.entityId]),
    then: 'ON CONFLICT (tenant_id, source_id, entity, number) DO UPDATE SET entity_id = EXCLUDED.entity_id',
  });
};

/** Erasure: the old system's number of the person goes with them (a re-import cannot refill the record). */
export const forgetCustomerKeys = async (ctx: Ctx, customerId: string) => {
  await ctx.sql.executeSql(`DELETE FROM import_keys WHERE tenant_id = $1 AND entity = 'customer' AND entity_id = $2`, [
    ctx.tenantId,
    customerId,
  ]);
};

/** The source an upload named, on its import (the run keys its rows under it). */
export const setImportSource = (db: Tx, tenantId: string, importId: string, sourceId: string) =>
  db
    .update(importJobs)
    .set({ sourceId })
    .where(and(eq(importJobs.tenantId, tenantId), eq(importJobs.id, importId)));

/** A merge: the numbers of the duplicate stand for the kept customer. */
export const moveCustomerKeys = async (ctx: Ctx, fromId: string, intoId: string) => {
  await ctx.sql.executeSql(
    `UPDATE import_keys SET entity_id = $3 WHERE tenant_id = $1 AND entity = 'customer' AND entity_id = $2`,
    [ctx.tenantId, fromId, intoId],
  );
};

/**
 * The customers a file's rows name: by the source's customer number (a key whose customer is gone — an
 * undone import — finds no one), else by a phone; a row with a number is never matched by its phone.
 */
export const customersNamed = async (
  db: Tx,
  tenantId: string,
  sourceId: string,
  rows: { ref: string | null; phone: string | null }[],
) => {
  const byRef = await keysOf(
    db,
    tenantId,
    sourceId,
    'customer',
    rows.flatMap((r) => (r.ref ? [r.ref] : [])),
  );
  const alive = await existingCustomers(db, tenantId, [...new Set(byRef.values())]);
  for (const [ref, id] of byRef) if (!alive.has(id)) byRef.delete(ref);
  const phones = [...new Set(rows.flatMap((r) => (!r.ref && r.phone ? [r.phone] : [])))];
  const byPhone = new Map((await phoneOwners(db, tenantId, phones)).map((p) => [p.phone, p.customerId]));
  return { byRef, byPhone };
};
