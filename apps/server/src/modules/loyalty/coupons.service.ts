import type { Coupon, CouponTemplate, CouponTemplateInput, RepairOrder, VisitLoyalty } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { newRowId } from '../../platform/db/ids.ts';
import { AppError } from '../../platform/errors.ts';
import { addDays, dayIn } from '../../platform/time/zone.ts';
import * as q from './coupons.queries.ts';
import { conflict, memberView, programme, spend } from './ledger.service.ts';
import { couponDiscount, couponRefusal, maxPointsFor } from './rules.ts';

/**
 * Coupons (docs/loyalty.md): templates, issuing (by hand, by rule, for points), and redemption at the
 * visit's delivery — once, whatever else runs at the same moment.
 */

const presentTemplate = (t: q.TemplateRow): CouponTemplate => ({
  id: t.id,
  name: t.name,
  kind: t.kind,
  amountFen: t.amount_fen,
  percentOff: t.percent_off,
  capFen: t.cap_fen,
  item: t.item,
  minSpendFen: t.min_spend_fen,
  validDays: t.valid_days,
  storeIds: t.store_ids,
  orderTypes: t.order_types,
  pointsCost: t.points_cost,
  active: t.active,
  issued: t.issued,
  redeemed: t.redeemed,
});

export const presentCoupon = (c: q.CouponRow): Coupon => ({
  id: c.id,
  code: c.code,
  templateId: c.template_id,
  name: c.name,
  kind: c.kind,
  amountFen: c.amount_fen,
  percentOff: c.percent_off,
  capFen: c.cap_fen,
  item: c.item,
  minSpendFen: c.min_spend_fen,
  storeIds: c.store_ids,
  orderTypes: c.order_types,
  status: c.status,
  origin: c.origin,
  issuedAt: c.issued_at.toISOString(),
  validUntil: c.valid_until,
  redeemedAt: c.redeemed_at?.toISOString() ?? null,
  discountFen: c.discount_fen,
});

export const listTemplates = async (ctx: Ctx) => (await q.templates(ctx.sql, ctx.tenantId)).map(presentTemplate);

const oneTemplate = async (ctx: Ctx, id: string) => {
  const [t] = await q.templates(ctx.sql, ctx.tenantId, id);
  if (!t) throw new AppError('NOT_FOUND');
  return t;
};

const assertStores = async (ctx: Ctx, ids: readonly string[]) => {
  const unknown = await q.unknownStores(ctx.sql, ctx.tenantId, ids);
  if (unknown.length > 0)
    throw new AppError('VALIDATION_FAILED', undefined, {
      issues: [{ path: `storeIds.${ids.indexOf(unknown[0]!)}`, message: 'reference_unknown' }],
    });
};

export const createTemplate = async (ctx: StaffCtx, input: CouponTemplateInput) => {
  await assertStores(ctx, input.storeIds);
  const id = newRowId();
  await q.insertTemplate(ctx.sql, ctx.tenantId, id, input, ctx.clock.now());
  await audit(ctx, { action: 'loyalty.template_saved', target: { type: 'coupon_template', id } });
  return presentTemplate(await oneTemplate(ctx, id));
};

export const updateTemplate = async (ctx: StaffCtx, id: string, input: CouponTemplateInput) => {
  await oneTemplate(ctx, id);
  await assertStores(ctx, input.storeIds);
  if (!(await q.updateTemplate(ctx.sql, ctx.tenantId, id, input))) throw new AppError('NOT_FOUND');
  await audit(ctx, { action: 'loyalty.template_saved', target: { type: 'coupon_template', id } });
  return presentTemplate(await oneTemplate(ctx, id));
};

/** A readable code for the counter: 12 characters of the coupon's id, without look-alikes. */
export const couponCode = (id: string) => id.replace(/-/g, '').slice(-12).toUpperCase();

/**
 * Issues one coupon of a template to a customer; `issueKey` makes it once (a rule's key: the birthday of a
 * year…; by hand and for points: the new coupon's own id). Null when the key was used already.
 */
export const issueCoupon = async (
  ctx: Ctx,
  input: { templateId: string; customerId: string; origin: 'hand' | 'rule' | 'points' | 'campaign'; issueKey?: string },
) => {
  const t = await oneTemplate(ctx, input.templateId);
  if (!t.active) throw conflict('templateId', 'loyalty_template_inactive');
  const { timezone } = await programme(ctx);
  const now = ctx.clock.now();
  const id = newRowId();
  const written = await q.insertCoupon(ctx.sql, ctx.tenantId, {
    id,
    templateId: t.id,
    customerId: input.customerId,
    code: couponCode(id),
    origin: input.origin,
    issueKey: input.issueKey ?? `${input.origin}:${id}`,
    issuedAt: now,
    validUntil: addDays(dayIn(now, timezone), t.valid_days - 1),
    issuedBy: ctx.actor.kind === 'staff' ? ctx.actor.id : null,
  });
  return written ? id : null;
};

/** By hand, to up to 500 customers at once (audited with the count); an unknown customer is a 400. */
export const issueByHand = async (ctx: StaffCtx, input: { templateId: string; customerIds: string[] }) => {
  const ids = [...new Set(input.customerIds)];
  const known = await q.existingCustomers(ctx.sql, ctx.tenantId, ids);
  const missing = ids.find((id) => !known.includes(id));
  if (missing)
    throw new AppError('VALIDATION_FAILED', undefined, {
      issues: [{ path: `customerIds.${input.customerIds.indexOf(missing)}`, message: 'reference_unknown' }],
    });
  let issued = 0;
  for (const customerId of ids)
    if (await issueCoupon(ctx, { templateId: input.templateId, customerId, origin: 'hand' })) issued++;
  await audit(ctx, {
    action: 'loyalty.coupons_issued',
    target: { type: 'coupon_template', id: input.templateId },
    details: { customers: ids.length, issued },
  });
  return { issued };
};

export const voidCoupon = async (ctx: StaffCtx, id: string) => {
  const c = await q.couponById(ctx.sql, ctx.tenantId, id);
  if (!c) throw new AppError('NOT_FOUND');
  if (!(await q.voidCoupon(ctx.sql, ctx.tenantId, id))) throw conflict('status', 'loyalty_coupon_used');
  await audit(ctx, { action: 'loyalty.coupon_voided', target: { type: 'coupon', id } });
  return presentCoupon((await q.couponById(ctx.sql, ctx.tenantId, id))!);
};

export const couponsOf = async (ctx: Ctx, customerId: string) =>
  (await q.couponsOf(ctx.sql, ctx.tenantId, customerId)).map(presentCoupon);

/**
 * Points for a coupon (the owner app's 积分兑换): the template must be offered for points; the points are
 * spent and the coupon issued in one transaction, so a short wallet issues nothing.
 */
export const redeemForCoupon = async (ctx: Ctx, customerId: string, templateId: string) => {
  const t = await oneTemplate(ctx, templateId);
  if (!t.active || t.points_cost === null) throw conflict('templateId', 'loyalty_not_for_points');
  const id = newRowId();
  const spent = await spend(ctx, {
    customerId,
    points: t.points_cost,
    source: 'coupon',
    sourceId: id,
    storeId: null,
  });
  const issued = await issueCoupon(ctx, { templateId, customerId, origin: 'points', issueKey: `points:${id}` });
  if (!issued) throw new AppError('CONFLICT');
  return { couponId: issued, balance: spent.balance };
};

type Bill = { customerId: string; storeId: string; orderType: RepairOrder['type']; totalFen: number };

/**
 * At delivery: the customer's coupons, each usable or not for this bill, and the points it may take; the
 * coupon the visit's booking was made with (`bookedCouponId`), when it is still usable for this bill.
 */
export const checkoutOptions = async (
  ctx: Ctx,
  bill: Bill & { bookedCouponId?: string | null },
): Promise<VisitLoyalty> => {
  const { settings, timezone } = await programme(ctx);
  const today = dayIn(ctx.clock.now(), timezone);
  const held = (await q.couponsOf(ctx.sql, ctx.tenantId, bill.customerId)).filter((c) => c.status === 'issued');
  const member = await memberView(ctx, bill.customerId);
  const pointsWith = (couponFen: number) =>
    Math.min(member?.balance ?? 0, maxPointsFor(settings, bill.totalFen, couponFen));
  const coupons = held.map((c) => {
    const presented = presentCoupon(c);
    const usable = couponRefusal(presented, { ...bill, today }) === null;
    const discountFen = usable ? couponDiscount(presented, bill.totalFen) : 0;
    return { ...presented, usable, discountFen, maxPoints: pointsWith(discountFen) };
  });
  return {
    member,
    coupons,
    totalFen: bill.totalFen,
    maxPoints: pointsWith(0),
    bookedCouponId: coupons.find((c) => c.id === bill.bookedCouponId && c.usable)?.id ?? null,
  };
};

/**
 * Applies a coupon and points to a visit's bill, in the delivery's transaction: a coupon of another
 * customer, used, expired, for another store or type, or under its minimum spend is a 409 naming why; a
 * coupon another checkout just took is `loyalty_coupon_used`; points beyond the share or the wallet 409.
 * Returns what came off the bill.
 */
export const applyAtCheckout = async (
  ctx: Ctx,
  bill: Bill & { visitId: string },
  use: { couponId?: string | undefined; points?: number | undefined },
) => {
  const { settings, timezone } = await programme(ctx);
  const now = ctx.clock.now();
  const today = dayIn(now, timezone);
  let couponFen = 0;
  if (use.couponId) {
    const c = await q.couponById(ctx.sql, ctx.tenantId, use.couponId);
    if (!c || c.customer_id !== bill.customerId) throw conflict('loyalty.couponId', 'loyalty_coupon_unknown');
    const presented = presentCoupon(c);
    const refusal = couponRefusal(presented, { ...bill, today });
    if (refusal) throw conflict('loyalty.couponId', refusal);
    couponFen = couponDiscount(presented, bill.totalFen);
    const redeemed = await q.redeemCoupon(ctx.sql, ctx.tenantId, c.id, {
      at: now,
      visitId: bill.visitId,
      storeId: bill.storeId,
      discountFen: couponFen,
      today,
    });
    if (!redeemed) throw conflict('loyalty.couponId', 'loyalty_coupon_used');
  }
  let pointsFen = 0;
  if (use.points) {
    const max = maxPointsFor(settings, bill.totalFen, couponFen);
    if (use.points > max) throw conflict('loyalty.points', 'loyalty_points_share', { max });
    await spend(ctx, {
      customerId: bill.customerId,
      points: use.points,
      source: 'checkout',
      sourceId: bill.visitId,
      storeId: bill.storeId,
    });
    pointsFen = use.points * settings.pointValueFen;
  }
  return { couponFen, pointsFen, paidFen: Math.max(0, bill.totalFen - couponFen - pointsFen) };
};
