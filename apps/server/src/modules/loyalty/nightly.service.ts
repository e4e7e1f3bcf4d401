import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { col, oneRow, parseRows } from '../../platform/db/rows.ts';
import { addDays, addMonths, dayBounds, instantOf, type Day } from '../../platform/time/zone.ts';
import { runGate, stage, type TouchCandidate } from '../contact/gate.ts';
import { programme } from './ledger.service.ts';
import * as night from './loyalty.sql.ts';

/**
 * The programme's night for one tenant and local day (docs/loyalty.md), each part its own short
 * transaction through the nightly registry: earn what was paid and bought (and birthdays), expire, move
 * tiers, issue the rule coupons, expire coupons, remind through the contact gate.
 */

const nonce = () => randomUUID();
const counts = z.object({ entries: col.number, points: col.number });
const n = z.object({ n: col.number });

/** Points not yet earned for orders and purchases since the horizon (older ones would have expired). */
export const earnNight = async (ctx: Ctx, day: Day) => {
  const { settings, timezone } = await programme(ctx);
  const start = dayBounds(day, timezone).from;
  const horizonMonths = settings.expiryMonths === 0 ? 36 : settings.expiryMonths;
  const from = instantOf(`${addMonths(day, -horizonMonths).slice(0, 8)}01`, '00:00', timezone);
  const multipliers = Object.fromEntries(settings.tiers.map((t) => [t.code, t.benefits.earnMultiplier]));
  const params = [
    ctx.tenantId,
    from,
    settings.expiryMonths,
    start,
    JSON.stringify(settings.earn.repairPerYuan),
    JSON.stringify(multipliers),
    settings.earn.purchase.first,
    settings.earn.purchase.second,
    settings.earn.purchase.later,
    settings.earn.birthday,
    day,
    nonce(),
  ];
  await ctx.sql.executeSql(night.ensureMembers, params);
  return oneRow(counts, await ctx.sql.executeSql(night.earn, params), 'loyalty.earn');
};

export const expireNight = async (ctx: Ctx, day: Day) => {
  await ctx.sql.executeSql(night.lockExpiring, [ctx.tenantId, day]);
  return oneRow(
    counts,
    await ctx.sql.executeSql(night.expire, [ctx.tenantId, day, nonce(), ctx.clock.now()]),
    'loyalty.expire',
  );
};

export const tierNight = async (ctx: Ctx, day: Day) => {
  const { settings, timezone } = await programme(ctx);
  const since = dayBounds(addMonths(day, -12), timezone).from;
  return oneRow(
    z.object({ members: col.number, moved: col.number }),
    await ctx.sql.executeSql(night.tiers(settings.tiers.length), [
      ctx.tenantId,
      day,
      since,
      settings.tiers.map((t) => t.code),
      settings.tiers.map((t) => t.minPoints),
      settings.tiers.map((t) => t.minSpendFen),
      settings.tierBasis,
      settings.graceMonths,
      nonce(),
    ]),
    'loyalty.tiers',
  );
};

/** The annual packs (once a year per template while in the tier), birthday gifts, new-owner packs. */
export const couponNight = async (ctx: Ctx, day: Day) => {
  const { settings, timezone } = await programme(ctx);
  const now = ctx.clock.now();
  const year = day.slice(0, 4);
  const validUntil = (days: number) => addDays(day, days - 1);
  const validDays = await templateDays(ctx);
  let issued = 0;
  const issue = async (templateId: string, tier: string, key: string, birthday: string | null) => {
    const days = validDays.get(templateId);
    if (days === undefined) return;
    issued += oneRow(
      n,
      await ctx.sql.executeSql(night.issueToTier, [
        ctx.tenantId,
        templateId,
        tier,
        validUntil(days),
        key,
        now,
        nonce(),
        birthday,
      ]),
    ).n;
  };
  for (const t of settings.tiers) {
    for (const templateId of t.benefits.annualPackTemplateIds)
      await issue(templateId, t.code, `annual:${templateId}:${year}:`, null);
    if (t.benefits.birthdayTemplateId)
      await issue(
        t.benefits.birthdayTemplateId,
        t.code,
        `birthday:${t.benefits.birthdayTemplateId}:${year}:`,
        day.slice(5),
      );
  }
  for (const templateId of settings.newOwnerTemplateIds) {
    const days = validDays.get(templateId);
    if (days === undefined) continue;
    issued += oneRow(
      n,
      await ctx.sql.executeSql(night.issueNewOwner, [
        ctx.tenantId,
        templateId,
        dayBounds(day, timezone).from,
        validUntil(days),
        now,
        nonce(),
      ]),
    ).n;
  }
  const expired = oneRow(n, await ctx.sql.executeSql(night.expireCoupons, [ctx.tenantId, day])).n;
  return { issued, expired };
};

const templateDays = async (ctx: Ctx) =>
  new Map(
    parseRows(
      z.object({ id: col.text, valid_days: col.number }),
      await ctx.sql.executeSql('SELECT id, valid_days FROM coupon_templates WHERE tenant_id = $1 AND active', [
        ctx.tenantId,
      ]),
    ).map((r) => [r.id, r.valid_days]),
  );

/**
 * Reminders through the contact gate (marketing, topic 'offers': an owner who refused offers gets none):
 * coupons whose last day is the tenant's days ahead, and points that expire that day.
 */
export const remindNight = async (ctx: Ctx, day: Day) => {
  const { settings, timezone } = await programme(ctx);
  if (settings.reminderDays === 0) return { coupons: 0, points: 0, sent: 0 };
  const ahead = addDays(day, settings.reminderDays);
  const dueAt = instantOf(day, '10:00', timezone);
  const coupons = parseRows(
    z.object({ id: col.text, customer_id: col.text, name: col.text, valid_until: col.text }),
    await ctx.sql.executeSql(night.couponsToRemind, [ctx.tenantId, ahead]),
  );
  const points = parseRows(
    z.object({ customer_id: col.text, points: col.number }),
    await ctx.sql.executeSql(night.pointsToRemind, [ctx.tenantId, ahead]),
  );
  const base = {
    vehicleId: null,
    source: 'loyalty' as const,
    ruleKey: null,
    topic: 'offers' as const,
    kind: 'marketing' as const,
    channel: 'sms' as const,
    dueAt,
    priority: 60,
    subject: null,
    taskTitle: null,
    taskRole: null,
    storeId: null,
    assigneeId: null,
  };
  const candidates: TouchCandidate[] = [
    ...coupons.map((c) => ({
      ...base,
      customerId: c.customer_id,
      dedupeKey: `loyalty:coupon:${c.id}`,
      body: `您的卡券「${c.name}」将于${c.valid_until}到期，欢迎到店使用。`,
    })),
    ...points.map((p) => ({
      ...base,
      customerId: p.customer_id,
      dedupeKey: `loyalty:points:${p.customer_id}:${ahead}`,
      body: `您有${p.points}积分将于${ahead}到期，可在车主App兑换卡券或到店抵扣。`,
    })),
  ];
  let sent = 0;
  for (let i = 0; i < candidates.length; i += 500) {
    await stage(ctx, candidates.slice(i, i + 500));
    const outcomes = await runGate(ctx, { dryRun: false });
    sent += outcomes.filter((o) => o.decision === 'sent' || o.decision === 'deferred').length;
  }
  if (coupons.length > 0)
    await ctx.sql.executeSql(night.markReminded, [ctx.tenantId, coupons.map((c) => c.id), ctx.clock.now()]);
  return { coupons: coupons.length, points: points.length, sent };
};
