import { eq } from 'drizzle-orm';
import { defaultWarranty } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { tenants } from '../../platform/db/schema/index.ts';
import { defaultServiceInterval } from '../garage/next-service.ts';
import { dayIn } from '../visits/visits.rules.ts';
import { customerStatement } from './customer-sql.ts';
import { dwyerFactor, effectiveRules } from './rules.ts';
import { vehicleStatement } from './vehicle-sql.ts';

/**
 * The lifecycle stage limits of ch1-2 §2.1 / §4.1: new car 0–3 months after purchase (L723), trade-in
 * candidate over 5 years or over 150,000 km (L1175). The warranty itself is the car's effective terms.
 */
export const lifecycleLimits = { newCarMonths: 3, tradeInYears: 5, tradeInKm: 150_000 } as const;

export type ClassifySummary = {
  asOf: string;
  vehicles: number;
  customers: number;
  /** segment_changes rows written (moves, and first classifications). */
  changes: number;
};

/** Replaces `{name}` with positional parameters, so the long statements read by name. */
export const named = (text: string, params: Record<string, unknown>): { text: string; values: unknown[] } => {
  const order: string[] = [];
  const out = text.replace(/\{(\w+)\}/g, (_m, key: string) => {
    if (!(key in params)) throw new Error(`unbound parameter ${key}`);
    let i = order.indexOf(key);
    if (i < 0) i = order.push(key) - 1;
    return `$${i + 1}`;
  });
  return { text: out, values: order.map((k) => params[k]) };
};

const run = async (ctx: ClassifyCtx, statement: string, params: Record<string, unknown>) => {
  const { text, values } = named(statement, params);
  const { rows } = await ctx.sql.executeSql(text, values);
  return { rows: Number(rows[0]?.rows ?? 0), changes: Number(rows[0]?.changes ?? 0) };
};

/** What classification needs of a context: a job's, a request's, or the demo seed's transaction. */
export type ClassifyCtx = Pick<Ctx, 'tenantId' | 'db' | 'sql' | 'clock'>;

/** Today in the tenant's zone, as YYYY-MM-DD. */
export const tenantToday = async (ctx: ClassifyCtx): Promise<string> => {
  const [t] = await ctx.db.select({ tz: tenants.timezone }).from(tenants).where(eq(tenants.id, ctx.tenantId));
  return dayIn(ctx.clock.now(), t?.tz ?? 'Asia/Shanghai');
};

/**
 * Recomputes the tenant's vehicle and customer segments as of `asOf` (a local date 'YYYY-MM-DD' of the
 * tenant's zone), set-based: two statements over the whole tenant whatever its size, each writing
 * segment_changes for every move. `customerIds` limits it (after a delivery). Idempotent: a second run
 * for the same day and the same data finds nothing moved.
 */
export const classifyTenant = async (
  ctx: ClassifyCtx,
  asOf: string,
  customerIds?: string[],
): Promise<ClassifySummary> => {
  const [t] = await ctx.db.select({ rules: tenants.segmentRules }).from(tenants).where(eq(tenants.id, ctx.tenantId));
  const rules = effectiveRules(t?.rules ?? {});
  const common = {
    tenantId: ctx.tenantId,
    asOf,
    now: ctx.clock.now().toISOString(),
    customerIds: customerIds ? JSON.stringify(customerIds) : null,
  };
  if (customerIds && customerIds.length === 0) return { asOf, vehicles: 0, customers: 0, changes: 0 };
  const v = await run(ctx, vehicleStatement, {
    ...common,
    ...lifecycleLimits,
    warrantyYears: defaultWarranty.years,
    warrantyKm: defaultWarranty.km,
    serviceMonths: defaultServiceInterval.months,
    serviceKm: defaultServiceInterval.km,
  });
  const { rfm, loyalty, value, frequency } = rules;
  const c = await run(ctx, customerStatement, {
    ...common,
    activeMinVisits: frequency.activeMinVisits,
    swingMinVisits: frequency.swingMinVisits,
    aMonths: rfm.a.maxMonths,
    aMinVisits: rfm.a.minVisits,
    aMinSpend: rfm.a.minSpendFen,
    bMonths: rfm.b.maxMonths,
    bMinVisits: rfm.b.minVisits,
    bMaxVisits: rfm.b.maxVisits,
    bMinSpend: rfm.b.minSpendFen,
    bMaxSpend: rfm.b.maxSpendFen,
    cMonths: rfm.c.maxMonths,
    cMaxVisits: rfm.c.maxVisits,
    cMaxSpend: rfm.c.maxSpendFen,
    dMonths: rfm.d.minMonths,
    dMaxVisits: rfm.d.maxVisits,
    dMaxSpend: rfm.d.maxSpendFen,
    loyalMaintenance: loyalty.minMaintenanceVisits,
    loyalMoreThan: loyalty.moreThanVisits,
    paidMonths: loyalty.paidRepairMonths,
    generalMinVisits: loyalty.generalMinVisits,
    generalMonths: loyalty.generalMaxMonths,
    highVisits: value.highFrequencyVisits,
    highAverage: value.highAverageFen,
    clvFactor: dwyerFactor(rules.clv).toFixed(6),
  });
  // An erased customer leaves the counts (the history of their moves stays, it names no one).
  await ctx.sql.executeSql(
    `DELETE FROM customer_segments s USING customers c
      WHERE s.tenant_id = $1 AND c.tenant_id = $1 AND c.id = s.customer_id AND c.erased_at IS NOT NULL`,
    [ctx.tenantId],
  );
  return { asOf, vehicles: v.rows, customers: c.rows, changes: v.changes + c.changes };
};
