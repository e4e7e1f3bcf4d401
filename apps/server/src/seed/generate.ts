import type { Database } from '../platform/db/types.ts';
import { z } from 'zod';
import { oneRow } from '../platform/db/rows.ts';
import * as sql from './generate.sql.ts';

export type GenerateInput = {
  tenantId: string;
  customers: number;
  storeIds: string[];
  advisorIds: string[];
  consultantIds: string[];
  now: Date;
};

const steps = [
  ['customers', sql.customersSql],
  ['phones', sql.phonesSql],
  ['vehicles', sql.vehiclesSql],
  ['ownerships', sql.ownershipsSql],
  ['sales orders', sql.salesSql],
  ['repair orders', sql.repairOrdersSql],
  ['repair order lines', sql.repairLinesSql],
  ['mileage readings', sql.mileageSql],
  ['follow-up calls', sql.followUpsSql],
] as const;

/** Renumbers $n to the parameters a statement uses: PostgreSQL cannot type a parameter it never sees. */
const bind = (text: string, params: unknown[]): [string, unknown[]] => {
  const used = [...new Set([...text.matchAll(/\$(\d)/g)].map((m) => Number(m[1])))].sort();
  const renumbered = text.replace(/\$(\d)/g, (_whole, n: string) => `$${used.indexOf(Number(n)) + 1}`);
  return [renumbered, used.map((n) => params[n - 1])];
};

/**
 * Fills a fresh tenant with `customers` customers and their cars and history, in one transaction as
 * the application role (so RLS checks every row). Deterministic for the same input; returns how long
 * each step took, for the benchmark.
 */
export const generateTenantData = async (db: Database, input: GenerateInput) => {
  if (input.storeIds.length === 0) throw new Error('the generator needs at least one store');
  const params: unknown[] = [
    input.tenantId,
    input.customers,
    input.storeIds,
    input.advisorIds,
    input.consultantIds,
    input.now.toISOString(),
  ];
  return db.transaction({ tenantId: input.tenantId }, async (tx) => {
    const models = oneRow(
      z.object({ ids: z.array(z.string()).nullable() }),
      await tx.sql.executeSql(`SELECT array_agg(id ORDER BY id) AS ids FROM car_models`),
      'generator: car models',
    );
    params.push(models.ids ?? []);
    const timings: { step: string; ms: number }[] = [];
    for (const [step, text] of steps) {
      const started = performance.now();
      await tx.sql.executeSql(...bind(text, params));
      timings.push({ step, ms: Math.round(performance.now() - started) });
    }
    return timings;
  });
};
