import { eq } from 'drizzle-orm';
import { defaultWarranty } from '@m4s/contracts';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { col, maybeRow } from '../../platform/db/rows.ts';
import { tenants } from '../../platform/db/schema/index.ts';
import { defaultFirstService, defaultServiceInterval } from '../garage/next-service.ts';
import { paceWindow, platformKmPerDay } from '../vehicles/mileage.ts';
import { customerStatement } from './customer-sql.ts';
import { dwyerFactor, effectiveRules } from './rules.ts';
import { vehicleStatement } from './vehicle-sql.ts';

/**
 * The lifecycle stage limits of ch1-2 §2.1 / §4.1: new car 0–3 months after purchase (L723), trade-in
 * candidate over 5 years or over 150,000 km (L1175). The warranty itself is the car's effective terms.
 */
export const lifecycleLimits = { newCarMonths: 3, tradeInYears: 5, tradeInKm: 150_000 } as const;

/**
 * Which customers a pass classifies: 'all' of them (the first pass, after a rule change, the admin's
 * recompute), those 'due' (the nightly pass: inputs changed since the last pass, marked by the triggers
 * of migration 0015, or a class that may move by time today — `stable_until`), or named ones (after a
 * delivery). A customer's cars go with the customer.
 */
export type ClassifyScope = 'all' | 'due' | { customerIds: string[] };

export type ClassifySummary = {
  asOf: string;
  /** The scope that ran: 'due' becomes 'all' when the tenant was never classified or its rules changed. */
  scope: 'all' | 'due' | 'customers';
  vehicles: number;
  customers: number;
  /** Rows written: new, or with something in them that differs. */
  written: number;
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

/** What a classification statement returns: its one row of counts (null when a count found nothing). */
const count = col.numberOrNull.optional().transform((n) => n ?? 0);
const runCounts = z.object({ rows: count, written: count, changes: count });

const run = async (ctx: ClassifyCtx, statement: string, params: Record<string, unknown>) => {
  const { text, values } = named(statement, params);
  const counts = maybeRow(runCounts, await ctx.sql.executeSql(text, values), 'classification statement');
  return { rows: counts?.rows ?? 0, written: counts?.written ?? 0, changes: counts?.changes ?? 0 };
};

/** What classification needs of a context: a job's, a request's, or the demo seed's transaction. */
export type ClassifyCtx = Pick<Ctx, 'tenantId' | 'db' | 'sql' | 'clock'>;

/**
 * Recomputes the tenant's vehicle and customer segments as of `asOf` (a local date 'YYYY-MM-DD' of the
 * tenant's zone), set-based: two statements however many customers are in scope, each writing
 * segment_changes for every move. Idempotent: a second run for the same day and the same data finds
 * nothing moved and writes nothing. docs/segments.md has the rules and how 'due' is kept exact.
 */
export const classifyTenant = async (
  ctx: ClassifyCtx,
  asOf: string,
  scope: ClassifyScope = 'all',
): Promise<ClassifySummary> => {
  const [t] = await ctx.db
    .select({ rules: tenants.segmentRules, on: tenants.segmentsOn, full: tenants.segmentsFull })
    .from(tenants)
    .where(eq(tenants.id, ctx.tenantId));
  const rules = effectiveRules(t?.rules ?? {});
  // A day before the last pass, or a pass that must see everyone, cannot trust the stored stable_until.
  const kind =
    typeof scope === 'object' ? 'customers' : scope === 'due' && (t?.full || !t?.on || asOf < t.on) ? 'all' : scope;
  const ids = typeof scope === 'object' ? scope.customerIds : null;
  if (ids && ids.length === 0) return { asOf, scope: kind, vehicles: 0, customers: 0, written: 0, changes: 0 };
  await takeScope(ctx, kind, asOf, ids);
  const common = { tenantId: ctx.tenantId, asOf, now: ctx.clock.now().toISOString() };
  const scoped = kind !== 'all';
  const v = await run(ctx, vehicleStatement(scoped), {
    ...common,
    ...lifecycleLimits,
    warrantyYears: defaultWarranty.years,
    warrantyKm: defaultWarranty.km,
    firstMonths: defaultFirstService.months,
    firstKm: defaultFirstService.km,
    serviceMonths: defaultServiceInterval.months,
    serviceKm: defaultServiceInterval.km,
    paceReadings: paceWindow.readings,
    paceMaxAgeDays: paceWindow.maxAgeDays,
    paceMinSpanDays: paceWindow.minSpanDays,
    typicalKmPerDay: platformKmPerDay,
  });
  const { rfm, loyalty, value, frequency, lapsing } = rules;
  const c = await run(ctx, customerStatement(scoped), {
    ...common,
    activeMinVisits: frequency.activeMinVisits,
    swingMinVisits: frequency.swingMinVisits,
    graceMonths: frequency.newOwnerGraceMonths,
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
    nearMonths: rfm.nearest.months,
    nearVisits: rfm.nearest.visits,
    nearSpend: rfm.nearest.spendFen,
    lapseMinMonths: lapsing.minMonths,
    lapseMaxMonths: lapsing.maxMonths,
    lapseFactor: lapsing.gapFactor,
    loyalMaintenance: loyalty.minMaintenanceVisits,
    loyalMoreThan: loyalty.moreThanVisits,
    paidMonths: loyalty.paidRepairMonths,
    generalMinVisits: loyalty.generalMinVisits,
    generalMonths: loyalty.generalMaxMonths,
    highVisits: value.highFrequencyVisits,
    highAverage: value.highAverageFen,
    clvFactor: dwyerFactor(rules.clv).toFixed(6),
  });
  await settle(ctx, kind, asOf, t?.rules ?? {});
  return {
    asOf,
    scope: kind,
    vehicles: v.rows,
    customers: c.rows,
    written: v.written + c.written,
    changes: v.changes + c.changes,
  };
};

/**
 * Fills the transaction's temp tables: classify_dirty (the marks this pass answers for, as read now),
 * classify_scope (its customers) and classify_vehicles (their cars; in a 'due' pass also cars with no
 * owner, whom no mark can name).
 */
const takeScope = async (ctx: ClassifyCtx, kind: ClassifySummary['scope'], asOf: string, ids: string[] | null) => {
  const exec = (text: string, values: unknown[] = [ctx.tenantId]) => ctx.sql.executeSql(text, values);
  await exec('DROP TABLE IF EXISTS classify_dirty, classify_scope, classify_vehicles', []);
  await exec(
    `CREATE TEMP TABLE classify_dirty ON COMMIT DROP AS
       SELECT customer_id, marked_at FROM segment_dirty WHERE tenant_id = $1 AND ($2::uuid[] IS NULL OR customer_id = ANY($2))`,
    [ctx.tenantId, ids],
  );
  await exec('CREATE TEMP TABLE classify_scope (customer_id uuid PRIMARY KEY) ON COMMIT DROP', []);
  await exec('CREATE TEMP TABLE classify_vehicles (vehicle_id uuid PRIMARY KEY) ON COMMIT DROP', []);
  if (kind === 'all') return;
  if (ids) await exec('INSERT INTO classify_scope SELECT DISTINCT unnest($1::uuid[])', [ids]);
  else
    await exec(
      `INSERT INTO classify_scope
       SELECT customer_id FROM classify_dirty
       UNION SELECT customer_id FROM customer_segments WHERE tenant_id = $1 AND stable_until <= $2::date
       UNION SELECT v.owner_id FROM vehicle_segments s JOIN vehicles v ON v.tenant_id = s.tenant_id AND v.id = s.vehicle_id
              WHERE s.tenant_id = $1 AND s.stable_until <= $2::date AND v.owner_id IS NOT NULL`,
      [ctx.tenantId, asOf],
    );
  await exec(
    `INSERT INTO classify_vehicles
     SELECT v.id FROM vehicles v WHERE v.tenant_id = $1 AND v.owner_id IN (SELECT customer_id FROM classify_scope)
     ${ids ? '' : 'UNION SELECT id FROM vehicles WHERE tenant_id = $1 AND owner_id IS NULL'}`,
  );
  // Temp tables have no statistics until analysed: the plans below depend on knowing they are small.
  await exec('ANALYZE classify_scope', []);
  await exec('ANALYZE classify_vehicles', []);
};

/** After a pass: erased customers leave the counts, its marks are answered, the tenant knows the day. */
const settle = async (ctx: ClassifyCtx, kind: ClassifySummary['scope'], asOf: string, rules: unknown) => {
  // The history of an erased customer's moves stays: it names no one.
  await ctx.sql.executeSql(
    `DELETE FROM customer_segments s USING customers c
      WHERE s.tenant_id = $1 AND c.tenant_id = $1 AND c.id = s.customer_id AND c.erased_at IS NOT NULL
        ${kind === 'all' ? '' : 'AND s.customer_id IN (SELECT customer_id FROM classify_scope)'}`,
    [ctx.tenantId],
  );
  // A mark made again while this pass ran has a new marked_at: it stays for the next pass.
  await ctx.sql.executeSql(
    `DELETE FROM segment_dirty d USING classify_dirty c
      WHERE d.tenant_id = $1 AND d.customer_id = c.customer_id AND d.marked_at = c.marked_at`,
    [ctx.tenantId],
  );
  if (kind === 'customers') return;
  // A rule change made while a full pass ran (other rules than it read) leaves the next pass full too.
  await ctx.sql.executeSql(
    `UPDATE tenants SET segments_on = greatest(segments_on, $2::date),
            segments_full = segments_full AND segment_rules IS DISTINCT FROM $3::jsonb
      WHERE id = $1`,
    [ctx.tenantId, asOf, JSON.stringify(rules)],
  );
};
