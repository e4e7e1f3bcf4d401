import { and, eq } from 'drizzle-orm';
import {
  customerFlags,
  frequencyClasses,
  lifecycleStages,
  loyaltyGrades,
  rfmClasses,
  segmentDimensions,
  valueQuadrants,
  type SegmentCustomerClasses,
  type SegmentCustomerPage,
  type SegmentListDimension,
  type SegmentOverview,
  type SegmentRules,
} from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { customers, tenants } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { tenantToday } from '../../platform/time/tenant-zone.ts';
import { addMonths } from '../../platform/time/zone.ts';
import { maskPhone } from '../customers/customers.mask.ts';
import { classifyJobName } from './classify.job.ts';
import { effectiveRules } from './rules.ts';
import * as q from './segments.queries.ts';

/** Every class of each dimension, in display order (empty classes are shown with 0); the flags' names. */
export const classesOf: Record<SegmentListDimension, readonly string[]> = {
  stage: lifecycleStages,
  frequency: frequencyClasses,
  rfm: rfmClasses,
  loyalty: loyaltyGrades,
  value: valueQuadrants,
  flag: customerFlags,
};

/** Counts per class now, and the moves since the same day last month (changed_on after it). */
export const overview = async (ctx: StaffCtx): Promise<SegmentOverview> => {
  authorize(ctx.actor, 'segment.read');
  const computedOn = await q.lastComputedOn(ctx.sql, ctx.tenantId);
  const since = computedOn ? addMonths(computedOn, -1) : null;
  const counts = await q.classCounts(ctx.sql, ctx.tenantId);
  const moves = computedOn && since ? await q.movements(ctx.sql, ctx.tenantId, since, computedOn) : [];
  const f = await q.flagCounts(ctx.sql, ctx.tenantId);
  return {
    computedOn,
    since,
    dimensions: segmentDimensions.map((dimension) => ({
      dimension,
      classes: classesOf[dimension].map((value) => {
        const m = moves.find((r) => r.dimension === dimension && r.value === value);
        return {
          value,
          count: counts.find((r) => r.dimension === dimension && r.value === value)?.n ?? 0,
          movedIn: m?.moved_in ?? 0,
          movedOut: m?.moved_out ?? 0,
        };
      }),
    })),
    flags: [
      { flag: 'seasonal', count: f.seasonal },
      { flag: 'lapsing', count: f.lapsing },
    ],
    churn: {
      churned: f.churned,
      measured: f.measured,
      rate: f.measured > 0 ? Math.round((f.churned / f.measured) * 10_000) / 10_000 : null,
      seasonalExcluded: f.seasonal_churned,
    },
  };
};

const checkClass = (dimension: SegmentListDimension, value: string) => {
  if (!classesOf[dimension].includes(value)) throw AppError.field('value', 'segment_value');
};

/**
 * One page of a class's customers. Phones are always masked here (the list is for picking people, and
 * the 360 view shows the number to those who may call); the export follows the customer export's rule.
 */
export const classCustomers = async (
  ctx: StaffCtx,
  input: { dimension: SegmentListDimension; value: string; page: number; pageSize: number },
): Promise<SegmentCustomerPage> => {
  authorize(ctx.actor, 'segment.read');
  checkClass(input.dimension, input.value);
  const { rows, total } = await q.classMembers(ctx.sql, ctx.tenantId, input.dimension, input.value, {
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  const { phones, plates } = await q.contactsOf(
    ctx.sql,
    ctx.tenantId,
    rows.map((r) => r.id),
  );
  return {
    total,
    items: rows.map((r) => {
      const phone = phones.get(r.id);
      return { ...r, phone: phone ? maskPhone(phone) : null, plates: plates.get(r.id) ?? [] };
    }),
  };
};

/** The ids of a class's customers for the export (one more than the cap says it was capped); audited. */
export const exportIds = async (ctx: StaffCtx, dimension: SegmentListDimension, value: string, cap: number) => {
  authorize(ctx.actor, 'segment.read');
  authorize(ctx.actor, 'customer.export');
  checkClass(dimension, value);
  const { rows } = await q.classMembers(ctx.sql, ctx.tenantId, dimension, value, { limit: cap + 1, offset: 0 });
  await audit(ctx, {
    action: 'segment.exported',
    details: { format: 'xlsx', dimension, value, rows: Math.min(rows.length, cap), capped: rows.length > cap },
  });
  return rows.map((r) => r.id);
};

/** One customer's classes and why (the customer page); 404 for a customer not in the tenant or erased. */
export const customerClasses = async (ctx: StaffCtx, customerId: string): Promise<SegmentCustomerClasses> => {
  authorize(ctx.actor, 'segment.read');
  const [c] = await ctx.db
    .select({ seasonal: customers.seasonal, erasedAt: customers.erasedAt })
    .from(customers)
    .where(and(eq(customers.tenantId, ctx.tenantId), eq(customers.id, customerId)));
  if (!c || c.erasedAt) throw new AppError('NOT_FOUND');
  return q.customerClasses(ctx.sql, ctx.tenantId, customerId, c.seasonal);
};

const storedRules = async (ctx: StaffCtx) => {
  const [t] = await ctx.db.select({ rules: tenants.segmentRules }).from(tenants).where(eq(tenants.id, ctx.tenantId));
  return effectiveRules(t?.rules ?? {});
};

export const getRules = async (ctx: StaffCtx): Promise<SegmentRules> => {
  authorize(ctx.actor, 'segment.read');
  return storedRules(ctx);
};

/** Stores the whole rule set (validated by the contract's schema, impossible combinations refused). */
export const putRules = async (ctx: StaffCtx, rules: SegmentRules): Promise<SegmentRules> => {
  authorize(ctx.actor, 'care.manage');
  const before = await storedRules(ctx);
  // Every customer's classes may move with the rules: the next pass (nightly, or a recompute) takes them all.
  await ctx.db.update(tenants).set({ segmentRules: rules, segmentsFull: true }).where(eq(tenants.id, ctx.tenantId));
  await audit(ctx, {
    action: 'segment.rules_updated',
    target: { type: 'tenant', id: ctx.tenantId },
    details: { before, after: rules },
  });
  return storedRules(ctx);
};

/** Queues a classification of the whole tenant for today (tenant time); the job does the work. */
export const recompute = async (ctx: StaffCtx): Promise<{ queued: true; asOf: string }> => {
  authorize(ctx.actor, 'care.manage');
  const asOf = await tenantToday(ctx);
  await ctx.jobs.send(classifyJobName, { tenantId: ctx.tenantId, asOf, full: true });
  await audit(ctx, { action: 'segment.recompute', details: { asOf } });
  return { queued: true, asOf };
};
