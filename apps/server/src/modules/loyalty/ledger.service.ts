import {
  roleGrants,
  type LedgerKind,
  type LedgerSource,
  type LoyaltySettings,
  type MemberView,
  type RepairOrder,
} from '@m4s/contracts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { newRowId } from '../../platform/db/ids.ts';
import { AppError } from '../../platform/errors.ts';
import { dayIn } from '../../platform/time/zone.ts';
import * as q from './ledger.queries.ts';
import { expiresOnOf, nextTierOf, repairPoints, settingsOf, tierByCode } from './rules.ts';

/**
 * The points wallet (docs/loyalty.md): one per customer across the group's stores. Every change is one
 * appended entry and the member's balance, written under the member's row lock — never negative, never
 * spent twice, idempotent by the entry's source.
 */

export const conflict = (path: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError('CONFLICT', undefined, { ...details, issues: [{ path, message }] });

export const programme = async (ctx: Pick<Ctx, 'sql' | 'tenantId'>) => {
  const p = await q.programmeOf(ctx.sql, ctx.tenantId);
  return { settings: settingsOf(p.loyalty), timezone: p.timezone };
};

type Posting = {
  customerId: string;
  kind: LedgerKind;
  /** Signed. */
  points: number;
  source: LedgerSource;
  sourceId: string;
  storeId: string | null;
  expiresOn?: string | null;
  note?: string | null;
};

export type Posted = { written: boolean; balance: number; entryId: string | null };

/**
 * Appends one entry and moves the balance. A second posting of the same source is no change (written
 * false). A debit beyond the balance is a 409 `loyalty_points_short`, whatever ran at the same moment: the
 * member's row is locked before the balance is read.
 */
export const post = async (ctx: Ctx, p: Posting): Promise<Posted> => {
  const now = ctx.clock.now();
  const balance = await q.lockMember(ctx.sql, ctx.tenantId, p.customerId, now);
  const known = await q.entryBySource(ctx.sql, ctx.tenantId, p.source, p.sourceId, p.kind);
  if (known) return { written: false, balance, entryId: known.id };
  const after = balance + p.points;
  if (after < 0) throw conflict('points', 'loyalty_points_short', { balance });
  const id = newRowId();
  const written = await q.appendEntry(ctx.sql, ctx.tenantId, {
    id,
    customerId: p.customerId,
    kind: p.kind,
    points: p.points,
    balanceAfter: after,
    source: p.source,
    sourceId: p.sourceId,
    storeId: p.storeId,
    at: now,
    expiresOn: p.expiresOn ?? null,
    staffId: ctx.actor.kind === 'staff' ? ctx.actor.id : null,
    note: p.note ?? null,
  });
  if (!written) return { written: false, balance, entryId: null };
  await q.setBalance(ctx.sql, ctx.tenantId, p.customerId, after);
  return { written: true, balance: after, entryId: id };
};

/** Points added now expire by the tenant's policy (the end of the Nth month). */
const expiryNow = (ctx: Ctx, s: LoyaltySettings, timezone: string) =>
  expiresOnOf(dayIn(ctx.clock.now(), timezone), s.expiryMonths);

/**
 * A paid repair order earns per yuan by its type (warranty and campaign nothing by default), times the
 * member's tier multiplier; once per order.
 */
export const earnForRepairOrder = async (
  ctx: Ctx,
  order: { id: string; customerId: string; storeId: string | null; type: RepairOrder['type']; paidFen: number },
): Promise<Posted | null> => {
  const { settings, timezone } = await programme(ctx);
  const member = await q.memberOf(ctx.sql, ctx.tenantId, order.customerId);
  const multiplier = tierByCode(settings, member?.tier ?? settings.tiers[0]!.code).benefits.earnMultiplier;
  const points = repairPoints(settings, order.type, order.paidFen, multiplier);
  if (points <= 0) return null;
  return post(ctx, {
    customerId: order.customerId,
    kind: 'earn',
    points,
    source: 'repair_order',
    sourceId: order.id,
    storeId: order.storeId,
    expiresOn: expiryNow(ctx, settings, timezone),
  });
};

/**
 * Points of a rule that has no order behind it (a survey completed, a referral, an event check-in): the
 * caller names the source's id, which makes the entry once.
 */
export const earnByRule = async (
  ctx: Ctx,
  input: { customerId: string; rule: 'survey' | 'referral' | 'event'; sourceId: string; storeId: string | null },
): Promise<Posted | null> => {
  const { settings, timezone } = await programme(ctx);
  const points =
    input.rule === 'survey'
      ? settings.earn.surveyCompleted
      : input.rule === 'referral'
        ? settings.earn.referralSuccess
        : settings.earn.eventCheckIn;
  if (points <= 0) return null;
  return post(ctx, {
    customerId: input.customerId,
    kind: 'earn',
    points,
    source: input.rule,
    sourceId: input.sourceId,
    storeId: input.storeId,
    expiresOn: expiryNow(ctx, settings, timezone),
  });
};

/**
 * Takes back what a source earned (a reversed repair order): as much of it as the wallet still holds —
 * points already spent stay spent, the balance never goes below zero. Once per source.
 */
export const reverseEarn = async (ctx: Ctx, source: LedgerSource, sourceId: string): Promise<Posted | null> => {
  const earned = await q.entryBySource(ctx.sql, ctx.tenantId, source, sourceId, 'earn');
  if (!earned) return null;
  const balance = await q.lockMember(ctx.sql, ctx.tenantId, earned.customer_id, ctx.clock.now());
  const points = Math.min(earned.points, balance);
  if (points <= 0) return { written: false, balance, entryId: null };
  return post(ctx, {
    customerId: earned.customer_id,
    kind: 'reverse',
    points: -points,
    source,
    sourceId,
    storeId: earned.store_id,
  });
};

/**
 * Gives back what a source spent (the points of a checkout whose payment was voided): one `reverse` entry
 * of the redeemed points, added again with the tenant's expiry from now. Once per source; nothing when the
 * source spent none.
 */
export const refundSpend = async (ctx: Ctx, source: LedgerSource, sourceId: string): Promise<Posted | null> => {
  const spent = await q.entryBySource(ctx.sql, ctx.tenantId, source, sourceId, 'redeem');
  if (!spent) return null;
  const { settings, timezone } = await programme(ctx);
  return post(ctx, {
    customerId: spent.customer_id,
    kind: 'reverse',
    points: -spent.points,
    source,
    sourceId,
    storeId: spent.store_id,
    expiresOn: expiryNow(ctx, settings, timezone),
  });
};

/** Spends points (a coupon bought in the app, a bill paid in part): 409 when the wallet holds fewer. */
export const spend = (
  ctx: Ctx,
  input: { customerId: string; points: number; source: LedgerSource; sourceId: string; storeId: string | null },
) => post(ctx, { ...input, kind: 'redeem', points: -input.points });

/**
 * A staff adjustment with its reason (audited by the caller). Beyond the tenant's limit either way only a
 * manager (loyalty.manage) may make it: 403 with the limit named.
 */
export const adjustPoints = async (ctx: StaffCtx, customerId: string, input: { points: number; reason: string }) => {
  const { settings, timezone } = await programme(ctx);
  const manager = roleGrants[ctx.actor.role].permissions.includes('loyalty.manage');
  if (Math.abs(input.points) > settings.adjustLimit && !manager)
    throw new AppError('FORBIDDEN', undefined, {
      issues: [{ path: 'points', message: 'loyalty_adjust_limit' }],
      limit: settings.adjustLimit,
    });
  return post(ctx, {
    customerId,
    kind: 'adjust',
    points: input.points,
    source: 'manual',
    sourceId: newRowId(),
    storeId: ctx.actor.storeId,
    expiresOn: input.points > 0 ? expiryNow(ctx, settings, timezone) : null,
    note: input.reason,
  });
};

/** The member as the apps show them: tier and benefits, progress to the next, what expires next. */
export const memberView = async (ctx: Ctx, customerId: string): Promise<MemberView | null> => {
  const { settings, timezone } = await programme(ctx);
  const m = await q.memberOf(ctx.sql, ctx.tenantId, customerId);
  if (!m) return null;
  const tier = tierByCode(settings, m.tier);
  const figures = { points12m: m.points_12m, spend12mFen: m.spend_12m_fen };
  const expiring = await q.nextExpiry(ctx.sql, ctx.tenantId, customerId, dayIn(ctx.clock.now(), timezone));
  return {
    customerId,
    balance: m.balance,
    points12m: m.points_12m,
    spend12mFen: m.spend_12m_fen,
    tier: { code: tier.code, name: tier.name, since: m.tier_since, graceUntil: m.grace_until, benefits: tier.benefits },
    next: nextTierOf(settings, tier.code, figures),
    expiring: expiring && expiring.points > 0 ? expiring : null,
    pointValueFen: settings.pointValueFen,
  };
};

export const presentEntry = (e: q.EntryRow) => ({
  id: e.id,
  kind: e.kind,
  points: e.points,
  balanceAfter: e.balance_after,
  source: e.source,
  sourceId: e.source_id,
  storeId: e.store_id,
  storeName: e.store_name,
  at: e.at.toISOString(),
  expiresOn: e.expires_on,
  note: e.note,
});

export const statementOf = async (ctx: Ctx, customerId: string) =>
  (await q.entriesOf(ctx.sql, ctx.tenantId, customerId)).map(presentEntry);

export { blankNotes, foldMember, tierHistoryOf } from './ledger.queries.ts';
