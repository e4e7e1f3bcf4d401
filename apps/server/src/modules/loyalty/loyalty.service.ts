import {
  loyaltySettings,
  type LoyaltySettings,
  type OwnerLoyalty,
  type SettlementReport,
  type memberListQuery,
} from '@m4s/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { Ctx, OwnerCtx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { addDays, addMonths, dayIn, instantOf } from '../../platform/time/zone.ts';
import { getCustomerRow } from '../customers/customers.service.ts';
import { bindingsOfOwner } from '../garage/garage.service.ts';
import { couponsOf, listTemplates, redeemForCoupon } from './coupons.service.ts';
import { couponById } from './coupons.queries.ts';
import { presentCoupon } from './coupons.service.ts';
import { adjustPoints, memberView, programme, statementOf, tierHistoryOf } from './ledger.service.ts';
import { memberOf, saveProgramme } from './ledger.queries.ts';
import { tierByCode } from './rules.ts';
import * as mq from './members.queries.ts';

/** The staff's and the owner's side of the programme (docs/loyalty.md). */

export const getSettings = async (ctx: StaffCtx): Promise<LoyaltySettings> => (await programme(ctx)).settings;

/** Saves the programme; templates named as benefits must be the tenant's (400 naming the field). */
export const putSettings = async (ctx: StaffCtx, input: LoyaltySettings): Promise<LoyaltySettings> => {
  const known = new Set((await listTemplates(ctx)).map((t) => t.id));
  const named: [string, string][] = [
    ...input.tiers.flatMap((t, i) => [
      ...(t.benefits.birthdayTemplateId
        ? [[`tiers.${i}.benefits.birthdayTemplateId`, t.benefits.birthdayTemplateId] as [string, string]]
        : []),
      ...t.benefits.annualPackTemplateIds.map(
        (id, j) => [`tiers.${i}.benefits.annualPackTemplateIds.${j}`, id] as [string, string],
      ),
    ]),
    ...input.newOwnerTemplateIds.map((id, j) => [`newOwnerTemplateIds.${j}`, id] as [string, string]),
  ];
  const missing = named.find(([, id]) => !known.has(id));
  if (missing)
    throw new AppError('VALIDATION_FAILED', undefined, {
      issues: [{ path: missing[0], message: 'reference_unknown' }],
    });
  const settings = loyaltySettings.parse(input);
  await saveProgramme(ctx.sql, ctx.tenantId, settings);
  await audit(ctx, { action: 'loyalty.settings_updated', details: { tiers: settings.tiers.map((t) => t.code) } });
  return settings;
};

export const members = async (ctx: StaffCtx, query: z.output<typeof memberListQuery>) => {
  const { settings, timezone } = await programme(ctx);
  const today = dayIn(ctx.clock.now(), timezone);
  const page = await mq.memberPage(ctx.sql, ctx.tenantId, {
    tier: query.tier ?? null,
    minPoints: query.minPoints ?? null,
    expiringBy: addDays(today, query.expiringDays ?? 30),
    expiringOnly: query.expiringDays !== undefined,
    page: query.page,
  });
  const names = new Map(settings.tiers.map((t) => [t.code, t.name]));
  return {
    total: page.total,
    pageSize: mq.memberPageSize,
    items: page.items.map((m) => ({
      customerId: m.customer_id,
      name: m.name,
      tier: m.tier,
      tierName: names.get(m.tier) ?? m.tier,
      balance: m.balance,
      points12m: m.points_12m,
      expiringPoints: m.expiring,
      graceUntil: m.grace_until,
    })),
  };
};

const emptyMember = (customerId: string, settings: LoyaltySettings) => {
  const first = settings.tiers[0]!;
  const second = settings.tiers[1];
  return {
    customerId,
    balance: 0,
    points12m: 0,
    spend12mFen: 0,
    tier: { code: first.code, name: first.name, since: null, graceUntil: null, benefits: first.benefits },
    next: second
      ? { code: second.code, name: second.name, pointsNeeded: second.minPoints, spendNeededFen: second.minSpendFen }
      : null,
    expiring: null,
    pointValueFen: settings.pointValueFen,
  };
};

/** One customer's wallet for staff: the advisor reads the tier's benefits to honour on the visit. */
export const memberDetail = async (ctx: StaffCtx, customerId: string) => {
  const customer = await getCustomerRow(ctx, customerId);
  const { settings } = await programme(ctx);
  const view = (await memberView(ctx, customerId)) ?? emptyMember(customerId, settings);
  return {
    ...view,
    customerName: customer.name,
    coupons: await couponsOf(ctx, customerId),
    ledger: await statementOf(ctx, customerId),
    tierHistory: (await tierHistoryOf(ctx.sql, ctx.tenantId, customerId)).map((h) => ({
      from: h.from_tier,
      to: h.to_tier,
      on: h.day,
    })),
  };
};

export const adjust = async (ctx: StaffCtx, customerId: string, input: { points: number; reason: string }) => {
  await getCustomerRow(ctx, customerId);
  const posted = await adjustPoints(ctx, customerId, input);
  await audit(ctx, {
    action: 'loyalty.points_adjusted',
    target: { type: 'customer', id: customerId },
    details: { points: input.points, balance: posted.balance, entryId: posted.entryId },
  });
  return memberDetail(ctx, customerId);
};

export const settlementReport = async (ctx: StaffCtx, month: string): Promise<SettlementReport> => {
  const { settings, timezone } = await programme(ctx);
  const first = `${month}-01`;
  const from = instantOf(first, '00:00', timezone);
  const to = instantOf(addMonths(first, 1), '00:00', timezone);
  const rows = await mq.settlement(ctx.sql, ctx.tenantId, from, to);
  return {
    month,
    pointValueFen: settings.pointValueFen,
    rows: rows.map((r) => ({
      earnedAt: r.earned_at,
      earnedAtName: r.earned_at_name,
      spentAt: r.spent_at,
      spentAtName: r.spent_at_name,
      points: r.points,
      valueFen: r.points * settings.pointValueFen,
    })),
  };
};

export const tierCounts = (ctx: Ctx) => mq.tierCounts(ctx.sql, ctx.tenantId);

// ── The owner app ──────────────────────────────────────────────────────────────────────────────────────

/**
 * The member behind an app account: the customer who owns the cars the account is bound to (the newest
 * binding first). None: the account has no confirmed car yet, and no wallet to show.
 */
const ownerCustomer = async (ctx: OwnerCtx): Promise<string | null> => {
  const bindings = await bindingsOfOwner(ctx.db, ctx.tenantId, ctx.actor.id);
  return bindings.find((b) => b.current)?.v.ownerId ?? null;
};

/**
 * The priority lane: the share of each booking slot this customer may not use — the largest share any tier
 * holds less their own tier's (0 for a member of the top share; the whole share for a non-member).
 */
export const priorityHoldBack = async (ctx: Ctx, customerId: string | null) => {
  const { settings } = await programme(ctx);
  const top = Math.max(0, ...settings.tiers.map((t) => t.benefits.reservedShare));
  if (top === 0) return 0;
  const member = customerId ? await memberOf(ctx.sql, ctx.tenantId, customerId) : null;
  const own = member ? tierByCode(settings, member.tier).benefits.reservedShare : 0;
  return Math.max(0, top - own);
};

/** The owner app's slots: what the priority lane holds from the account's member. */
export const ownerHoldBack = async (ctx: OwnerCtx) => priorityHoldBack(ctx, await ownerCustomer(ctx));

export const ownerLoyalty = async (ctx: OwnerCtx): Promise<OwnerLoyalty> => {
  const { settings } = await programme(ctx);
  const customerId = await ownerCustomer(ctx);
  const offers = (await listTemplates(ctx)).filter((t) => t.active && t.pointsCost !== null);
  return {
    member: customerId ? ((await memberView(ctx, customerId)) ?? emptyMember(customerId, settings)) : null,
    tiers: settings.tiers.map((t) => ({ code: t.code, name: t.name, minPoints: t.minPoints, benefits: t.benefits })),
    coupons: customerId ? await couponsOf(ctx, customerId) : [],
    offers: offers.map((t) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      amountFen: t.amountFen,
      percentOff: t.percentOff,
      capFen: t.capFen,
      item: t.item,
      minSpendFen: t.minSpendFen,
      validDays: t.validDays,
      pointsCost: t.pointsCost,
    })),
  };
};

export const ownerStatement = async (ctx: OwnerCtx) => {
  const customerId = await ownerCustomer(ctx);
  return { items: customerId ? await statementOf(ctx, customerId) : [] };
};

/** 积分兑换: 404 without a wallet; 409 when the points are short (nothing issued). */
export const ownerRedeem = async (ctx: OwnerCtx, templateId: string) => {
  const customerId = await ownerCustomer(ctx);
  if (!customerId) throw new AppError('NOT_FOUND');
  const { couponId, balance } = await redeemForCoupon(ctx, customerId, templateId);
  await audit(ctx, {
    action: 'loyalty.points_redeemed',
    target: { type: 'coupon', id: couponId },
    details: { templateId, balance },
  });
  const c = await couponById(ctx.sql, ctx.tenantId, couponId);
  if (!c) throw new AppError('CONFLICT');
  return { coupon: presentCoupon(c), balance };
};

export { listTemplates } from './coupons.service.ts';
export {
  checkoutOptions,
  applyAtCheckout,
  createTemplate,
  updateTemplate,
  issueByHand,
  voidCoupon,
  issueCoupon,
} from './coupons.service.ts';
export { earnForRepairOrder, earnByRule, programme, refundSpend, reverseEarn } from './ledger.service.ts';
