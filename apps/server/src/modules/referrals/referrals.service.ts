import {
  roleGrants,
  type OwnerReferralBody,
  type OwnerReferrals,
  type Referral,
  type ReferralChannel,
  type ReferralRefusal,
  type ReferralReport,
  type StaffReferralBody,
} from '@m4s/contracts';
import { randomInt } from 'node:crypto';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { Ctx, OwnerCtx, StaffCtx } from '../../platform/context.ts';
import { newRowId } from '../../platform/db/ids.ts';
import { AppError } from '../../platform/errors.ts';
import { maskPhone } from '../customers/customers.mask.ts';
import { bindingsOfOwner } from '../garage/garage.service.ts';
import { listTemplates, programme } from '../loyalty/loyalty.service.ts';
import * as q from './referrals.queries.ts';

/**
 * Referrals (docs/referrals.md): an owner's code brings a lead, attributed to the referrer and to the store's
 * consultant; the reward lands once, when the referred customer buys a car or pays for a visit.
 */

/** Letters and digits that cannot be misread for one another (no 0/O, 1/I/L). */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newCode = () => Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('');

/** The customer's code, made on first use (a taken code is drawn again). */
export const ensureCode = async (ctx: Ctx, customerId: string): Promise<string> => {
  for (let i = 0; i < 5; i += 1) {
    const known = await q.codeOf(ctx.sql, ctx.tenantId, customerId);
    if (known) return known;
    await q.insertCode(ctx.sql, ctx.tenantId, { id: newRowId(), customerId, code: newCode(), at: ctx.clock.now() });
  }
  throw new Error('no free referral code after 5 draws');
};

const maskName = (name: string) => (name.length <= 1 ? name : `${name.slice(0, 1)}${'*'.repeat(name.length - 1)}`);

const present = (r: q.ReferralRow, view: 'staff' | 'owner'): Referral => ({
  id: r.id,
  code: r.code,
  channel: r.channel,
  status: r.status,
  reason: r.reason,
  referrer: { id: r.referrer_id, name: view === 'owner' ? r.referrer_name : r.referrer_name },
  referredName: view === 'owner' ? maskName(r.referred_name) : r.referred_name,
  referredPhone: r.referred_phone.startsWith('erased:') ? '' : maskPhone(r.referred_phone),
  referredCustomerId: view === 'owner' ? null : r.referred_customer_id,
  store: { id: r.store_id, name: r.store_name },
  consultant: r.consultant_id ? { id: r.consultant_id, name: r.consultant_name ?? '' } : null,
  createdAt: r.created_at.toISOString(),
  visitedAt: r.visited_at?.toISOString() ?? null,
  rewardedAt: r.rewarded_at?.toISOString() ?? null,
  rewardPoints: r.reward_points,
  rewardCouponId: r.reward_coupon_id,
});

const unknownCode = () => AppError.field('code', 'referral_code_unknown');

/** Why a lead earns its referrer nothing; null: it may. */
const refusalOf = async (
  ctx: Ctx,
  referrer: { customer_id: string; phones: string[] | null },
  phone: string,
  selfCustomerId: string | null,
): Promise<ReferralRefusal | null> => {
  if (selfCustomerId === referrer.customer_id || (referrer.phones ?? []).includes(phone)) return 'referral_self';
  if (await q.customerByPhone(ctx.sql, ctx.tenantId, phone)) return 'referral_existing_customer';
  if (await q.liveReferralOf(ctx.sql, ctx.tenantId, phone)) return 'referral_already_referred';
  return null;
};

type Lead = {
  code: string;
  channel: ReferralChannel;
  name: string;
  phone: string;
  storeId: string;
  consultantId: string | null;
  note: string | null;
  selfCustomerId: string | null;
};

/**
 * Records a lead with its attribution. An ineligible one is recorded too, with its reason (the caller shows
 * it); a live referral of the same phone written at the same moment makes this one `already referred`.
 */
const recordLead = async (ctx: Ctx, lead: Lead) => {
  const referrer = await q.referrerByCode(ctx.sql, ctx.tenantId, lead.code);
  if (!referrer) throw unknownCode();
  const reason = await refusalOf(ctx, referrer, lead.phone, lead.selfCustomerId);
  const base = {
    code: lead.code,
    referrerId: referrer.customer_id,
    channel: lead.channel,
    phone: lead.phone,
    name: lead.name,
    referredCustomerId: null,
    storeId: lead.storeId,
    consultantId: lead.consultantId ?? (await q.consultantFor(ctx.sql, ctx.tenantId, lead.storeId)),
    note: lead.note,
    recordedBy: ctx.actor.kind === 'staff' ? ctx.actor.id : null,
    at: ctx.clock.now(),
  };
  let id = newRowId();
  const live = !reason && (await q.insertReferral(ctx.sql, ctx.tenantId, { ...base, id, status: 'invited', reason }));
  if (!live) {
    id = newRowId();
    const why = reason ?? 'referral_already_referred';
    await q.insertReferral(ctx.sql, ctx.tenantId, { ...base, id, status: 'ineligible', reason: why });
  }
  const row = await q.referralById(ctx.sql, ctx.tenantId, id);
  if (!row) throw new Error('referral insert returned nothing');
  return row;
};

const ownerCustomer = async (ctx: OwnerCtx): Promise<string | null> =>
  (await bindingsOfOwner(ctx.db, ctx.tenantId, ctx.actor.id)).find((b) => b.current)?.v.ownerId ?? null;

const storeOrFirst = async (ctx: Ctx, storeId: string | null) => {
  const stores = await q.storesOf(ctx.sql, ctx.tenantId);
  const store = storeId ? stores.find((s) => s.id === storeId) : stores[0];
  if (!store) throw AppError.field('storeId', 'referral_store_unknown');
  return store.id;
};

/** The owner app: a lead asked for with a code, for the signed-in owner's own phone. */
export const ownerLead = async (ctx: OwnerCtx, body: OwnerReferralBody): Promise<Referral> => {
  const row = await recordLead(ctx, {
    ...body,
    phone: await q.ownerPhone(ctx.sql, ctx.tenantId, ctx.actor.id),
    storeId: await storeOrFirst(ctx, body.storeId),
    consultantId: null,
    selfCustomerId: await ownerCustomer(ctx),
  });
  await audit(ctx, {
    action: 'referral.recorded',
    target: { type: 'referral', id: row.id },
    details: { channel: row.channel, status: row.status, reason: row.reason },
  });
  return present(row, 'owner');
};

/** Admin: a referred walk-in with the code the person brought, at a store of the staff member's scope. */
export const recordWalkIn = async (ctx: StaffCtx, body: StaffReferralBody): Promise<Referral> => {
  authorize(ctx.actor, 'customer.write', { storeId: body.storeId });
  await storeOrFirst(ctx, body.storeId);
  if (body.consultantId && !(await q.staffInStore(ctx.sql, ctx.tenantId, body.consultantId, body.storeId)))
    throw AppError.field('consultantId', 'referral_consultant_store');
  const row = await recordLead(ctx, { ...body, selfCustomerId: null });
  await audit(ctx, {
    action: 'referral.recorded',
    target: { type: 'referral', id: row.id },
    details: { channel: row.channel, status: row.status, reason: row.reason, storeId: body.storeId },
  });
  return present(row, 'staff');
};

/** The stores a staff member's referral figures cover: all for group roles, their own store otherwise. */
const scopeOf = (ctx: StaffCtx) =>
  roleGrants[ctx.actor.role].scope === 'group' ? null : ctx.actor.storeId ? [ctx.actor.storeId] : [];

const withRate = <T extends { invited: number; rewarded: number }>(r: T) => ({
  ...r,
  rate: r.invited === 0 ? 0 : Math.round((r.rewarded / r.invited) * 10_000) / 10_000,
});

export const report = async (
  ctx: StaffCtx,
  query: { status?: Referral['status']; storeId?: string; limit: number },
): Promise<ReferralReport> => {
  const scope = scopeOf(ctx);
  const storeIds = query.storeId ? (scope && !scope.includes(query.storeId) ? [] : [query.storeId]) : scope;
  const stores = (await q.ratesBy(ctx.sql, ctx.tenantId, 'store', storeIds)).map(withRate);
  const sum = (k: 'invited' | 'visited' | 'rewarded' | 'ineligible') => stores.reduce((n, s) => n + s[k], 0);
  return {
    totals: withRate({
      invited: sum('invited'),
      visited: sum('visited'),
      rewarded: sum('rewarded'),
      ineligible: sum('ineligible'),
    }),
    stores,
    consultants: (await q.ratesBy(ctx.sql, ctx.tenantId, 'consultant', storeIds)).map(withRate),
    items: (await q.referralList(ctx.sql, ctx.tenantId, { ...query, storeIds })).map((r) => present(r, 'staff')),
  };
};

export const referralOne = async (ctx: StaffCtx, id: string): Promise<Referral> => {
  const row = await q.referralById(ctx.sql, ctx.tenantId, id);
  const scope = scopeOf(ctx);
  if (!row || (scope && !scope.includes(row.store_id))) throw new AppError('NOT_FOUND');
  return present(row, 'staff');
};

/** The owner's 推荐有礼: their code, what a referral gives, their referrals' progress. */
export const ownerReferrals = async (ctx: OwnerCtx): Promise<OwnerReferrals> => {
  const { settings } = await programme(ctx);
  const customerId = await ownerCustomer(ctx);
  const template = settings.referralTemplateId
    ? (await listTemplates(ctx)).find((t) => t.id === settings.referralTemplateId && t.active)
    : undefined;
  return {
    code: customerId ? await ensureCode(ctx, customerId) : null,
    rewardPoints: settings.earn.referralSuccess,
    rewardCoupon: template?.name ?? null,
    items: customerId
      ? (await q.referralsOfReferrer(ctx.sql, ctx.tenantId, customerId)).map((r) => present(r, 'owner'))
      : [],
  };
};

/** The link's landing: whose code it is (masked) and the stores to choose from. */
export const codeInfo = async (ctx: OwnerCtx, code: string) => {
  const referrer = await q.referrerByCode(ctx.sql, ctx.tenantId, code);
  if (!referrer) throw new AppError('NOT_FOUND');
  return { code, referrer: maskName(referrer.name), stores: await q.storesOf(ctx.sql, ctx.tenantId) };
};

export { rewardForOrder, visitedBy, takeBackReward } from './reward.service.ts';
