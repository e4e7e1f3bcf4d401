import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { earnByRule, issueCoupon, programme, reverseEarn } from '../loyalty/loyalty.service.ts';
import * as q from './referrals.queries.ts';

/**
 * The reward of a referral (docs/referrals.md): the tenant's "referral success" points, and its referral coupon
 * when it names one, to the referrer — once per referral whatever calls at the same moment (the conditional
 * move to `rewarded` decides; the ledger entry and the coupon are keyed by the referral too).
 */
const reward = async (
  ctx: Ctx,
  r: { id: string; referrer_id: string; store_id: string },
  customerId: string,
  source: string,
) => {
  if (!(await q.claimReward(ctx.sql, ctx.tenantId, r.id, { customerId, source, at: ctx.clock.now() }))) return false;
  const posted = await earnByRule(ctx, {
    customerId: r.referrer_id,
    rule: 'referral',
    sourceId: r.id,
    storeId: r.store_id,
  });
  const { settings } = await programme(ctx);
  const couponId = settings.referralTemplateId
    ? await issueCoupon(ctx, {
        templateId: settings.referralTemplateId,
        customerId: r.referrer_id,
        origin: 'rule',
        issueKey: `referral:${r.id}`,
      }).catch(() => null)
    : null;
  const points = posted?.written ? settings.earn.referralSuccess : 0;
  await q.setReward(ctx.sql, ctx.tenantId, r.id, { points, couponId });
  await audit(ctx, {
    action: 'referral.rewarded',
    target: { type: 'referral', id: r.id },
    details: { source, points, couponId },
  });
  return true;
};

/**
 * A paid order of a customer (a delivered visit's repair order, a car purchase): every live referral of the
 * person (by id or by a phone they hold) is rewarded. Warranty and campaign orders and unpaid ones reward
 * nothing: the caller passes only what the customer paid for. The number rewarded.
 */
export const rewardForOrder = async (ctx: Ctx, input: { customerId: string; source: string }) => {
  let n = 0;
  for (const r of await q.pendingOfCustomer(ctx.sql, ctx.tenantId, input.customerId))
    if (await reward(ctx, r, input.customerId, input.source)) n += 1;
  return n;
};

/** The referred person came in (a visit opened for them): invited → visited. */
export const visitedBy = async (ctx: Ctx, customerId: string) => {
  for (const r of await q.pendingOfCustomer(ctx.sql, ctx.tenantId, customerId))
    await q.markVisited(ctx.sql, ctx.tenantId, r.id, customerId, ctx.clock.now());
};

/**
 * An order's payment taken back: the referral points it brought are reversed (as much as the referrer's
 * wallet still holds; the referral stays rewarded, its history kept).
 */
export const takeBackReward = async (ctx: Ctx, source: string) => {
  for (const r of await q.rewardedBySource(ctx.sql, ctx.tenantId, source)) await reverseEarn(ctx, 'referral', r.id);
};

/** The night's catch-up: orders that arrived otherwise than at delivery (a DMS import, a car sale). */
export const rewardNight = async (ctx: Ctx) => {
  let rewarded = 0;
  for (const due of await q.dueForReward(ctx.sql, ctx.tenantId)) {
    const [r] = (await q.pendingOfCustomer(ctx.sql, ctx.tenantId, due.customer_id)).filter((p) => p.id === due.id);
    if (r && (await reward(ctx, r, due.customer_id, due.source))) rewarded += 1;
  }
  return { rewarded };
};
