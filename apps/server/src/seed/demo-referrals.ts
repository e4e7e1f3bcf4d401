import { z } from 'zod';
import type { ReferralChannel, ReferralRefusal } from '@m4s/contracts';
import type { Ctx } from '../platform/context.ts';
import { newRowId } from '../platform/db/ids.ts';
import { col, parseRows } from '../platform/db/rows.ts';
import type { Database } from '../platform/db/types.ts';
import { inDemo as inLoyaltyDemo } from './demo-loyalty.ts';
import * as q from '../modules/referrals/referrals.queries.ts';
import { ensureCode } from '../modules/referrals/referrals.service.ts';
import { rewardNight, visitedBy } from '../modules/referrals/reward.service.ts';

/**
 * Referrals in the demo (docs/referrals.md), so 会员管理 › 推荐 and the owners' 推荐有礼 have rows on day one:
 * customers who came through a member's code and paid since (rewarded by the night's catch-up, as an import
 * would be), referred people in the store today (visited), leads still waiting (invited), and the refusals —
 * a member's own number, an existing customer, a person referred twice. The demo owner (13800000001) is among
 * the referrers.
 */

const inDemo = <T>(db: Database, tenantId: string, now: Date, fn: (ctx: Ctx) => Promise<T>) =>
  inLoyaltyDemo(db, tenantId, now, fn, 'demo-seed:referrals');

const person = z.object({ customer_id: col.text, name: col.text, phone: col.text, store_id: col.textOrNull });

/** Customers picked by a condition on their first paid repair order (none: no order), oldest id first. */
const pick = async (ctx: Ctx, where: string, limit: number, offset = 0) =>
  parseRows(
    person,
    await ctx.sql.executeSql(
      `SELECT c.id AS customer_id, c.name, p.phone, c.home_store_id::text AS store_id FROM customers c
       JOIN customer_phones p ON p.tenant_id = c.tenant_id AND p.customer_id = c.id AND p.is_primary
       WHERE c.tenant_id = $1 AND p.tenant_id = $1 AND p.phone <> '13800000001' AND ${where}
       ORDER BY c.id LIMIT $2 OFFSET $3`,
      [ctx.tenantId, limit, offset],
    ),
  );

const firstPaid = `(SELECT min(coalesce(ro.date_out, ro.date_in)) FROM repair_orders ro WHERE ro.tenant_id = c.tenant_id
  AND ro.tenant_id = $1 AND ro.customer_id = c.id AND ro.total_fen > 0
  AND ro.type IN ('maintenance', 'general_repair', 'accident'))`;

type Row = { referrer: string; phone: string; name: string; channel: ReferralChannel; at: Date; storeId: string };

export const seedDemoReferrals = async (db: Database, input: { tenantId: string; storeIds: string[]; now: Date }) => {
  const { tenantId, now } = input;
  const day = 86_400_000;
  return inDemo(db, tenantId, now, async (ctx) => {
    // Members of some years' standing (the generator's customers from the 200th on: ids are not in age order).
    const referrers = await pick(ctx, `${firstPaid} IS NOT NULL`, 24, 200);
    const own = parseRows(
      person,
      await ctx.sql.executeSql(
        `SELECT c.id AS customer_id, c.name, p.phone, c.home_store_id::text AS store_id FROM customers c
         JOIN customer_phones p ON p.tenant_id = c.tenant_id AND p.customer_id = c.id
         WHERE c.tenant_id = $1 AND p.tenant_id = $1 AND p.phone = '13800000001'`,
        [tenantId],
      ),
    );
    const all = [...own, ...referrers.filter((r) => !own.some((o) => o.customer_id === r.customer_id))];
    const codes = new Map<string, string>();
    for (const r of all) codes.set(r.customer_id, await ensureCode(ctx, r.customer_id));
    const referrerAt = (i: number) => all[i % all.length]!;
    const storeOf = (p: { store_id: string | null }, i: number) =>
      p.store_id ?? input.storeIds[i % input.storeIds.length]!;
    const write = async (r: Row, status: 'invited' | 'ineligible', reason: ReferralRefusal | null) =>
      q.insertReferral(ctx.sql, tenantId, {
        id: newRowId(),
        code: codes.get(r.referrer)!,
        referrerId: r.referrer,
        channel: r.channel,
        phone: r.phone,
        name: r.name,
        referredCustomerId: null,
        storeId: r.storeId,
        consultantId: await q.consultantFor(ctx.sql, tenantId, r.storeId),
        status,
        reason,
        note: null,
        recordedBy: null,
        at: r.at,
      });
    const channels: ReferralChannel[] = ['service', 'inquiry', 'test_drive', 'walk_in'];
    // Came through a code, then paid: customers whose first paid order is in the last 90 days (rewarded tonight).
    const paid = await pick(ctx, `${firstPaid} > now() - interval '90 days'`, 14);
    for (const [i, p] of paid.entries()) {
      const [first] = parseRows(
        z.object({ at: col.instant }),
        await ctx.sql.executeSql(`SELECT ${firstPaid.replace(/c\.id/g, '$2').replace(/c\.tenant_id/g, '$1')} AS at`, [
          tenantId,
          p.customer_id,
        ]),
      );
      const at = new Date((first?.at ?? now).getTime() - 5 * day);
      await write(
        {
          referrer: referrerAt(i).customer_id,
          phone: p.phone,
          name: p.name,
          channel: channels[i % 4]!,
          at,
          storeId: storeOf(p, i),
        },
        'invited',
        null,
      );
    }
    const rewarded = await rewardNight(ctx);
    // In the store today: customers with an open visit and no paid order since the referral.
    const inStore = await pick(
      ctx,
      `EXISTS (SELECT 1 FROM visits v WHERE v.tenant_id = c.tenant_id AND v.tenant_id = $1 AND v.customer_id = c.id
         AND v.status <> 'delivered') AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.tenant_id = c.tenant_id
         AND r.tenant_id = $1 AND r.referred_phone = p.phone)`,
      4,
    );
    for (const [i, p] of inStore.entries()) {
      await write(
        {
          referrer: referrerAt(i + 3).customer_id,
          phone: p.phone,
          name: p.name,
          channel: 'service',
          at: new Date(now.getTime() - 3600_000),
          storeId: storeOf(p, i),
        },
        'invited',
        null,
      );
      await visitedBy(ctx, p.customer_id);
    }
    // Leads still waiting: people who are nobody's customer yet (199… numbers the generator never makes).
    const names = ['林晓', '周杰', '吴敏', '郑凯', '冯丽', '陈晨', '褚云', '卫东', '蒋欣', '沈涛'];
    for (const [i, name] of names.entries())
      await write(
        {
          referrer: referrerAt(i).customer_id,
          phone: `1990000${String(1000 + i)}`,
          name,
          channel: channels[i % 3]!,
          at: new Date(now.getTime() - (i + 1) * 2 * day),
          storeId: input.storeIds[i % input.storeIds.length]!,
        },
        'invited',
        null,
      );
    // The refusals: a member's own number, existing customers, a person referred a second time.
    const selfies = all.slice(1, 3);
    for (const [i, s] of selfies.entries())
      await write(
        {
          referrer: s.customer_id,
          phone: s.phone,
          name: s.name,
          channel: 'inquiry',
          at: new Date(now.getTime() - (i + 3) * day),
          storeId: storeOf(s, i),
        },
        'ineligible',
        'referral_self',
      );
    const existing = await pick(ctx, `${firstPaid} < now() - interval '700 days'`, 3, 30);
    for (const [i, e] of existing.entries())
      await write(
        {
          referrer: referrerAt(i + 5).customer_id,
          phone: e.phone,
          name: e.name,
          channel: 'walk_in',
          at: new Date(now.getTime() - (i + 4) * day),
          storeId: storeOf(e, i),
        },
        'ineligible',
        'referral_existing_customer',
      );
    for (let i = 0; i < 2; i++)
      await write(
        {
          referrer: referrerAt(i + 8).customer_id,
          phone: `1990000${String(1000 + i)}`,
          name: names[i]!,
          channel: 'inquiry',
          at: new Date(now.getTime() - day),
          storeId: input.storeIds[0]!,
        },
        'ineligible',
        'referral_already_referred',
      );
    return {
      referrers: all.length,
      rewarded: rewarded.rewarded,
      visited: inStore.length,
      invited: names.length,
      ineligible: selfies.length + existing.length + 2,
    };
  });
};
