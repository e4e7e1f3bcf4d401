import { z } from 'zod';
import { pino } from 'pino';
import {
  couponTemplateInput,
  defaultLoyaltySettings,
  repairOrderTypes,
  type CouponTemplateInput,
} from '@m4s/contracts';
import { systemCtx, type Ctx } from '../platform/context.ts';
import { newRowId } from '../platform/db/ids.ts';
import { col, parseRows } from '../platform/db/rows.ts';
import type { Database } from '../platform/db/types.ts';
import type { JobQueue } from '../platform/jobs/queue.ts';
import { dayBounds, dayIn } from '../platform/time/zone.ts';
import { insertTemplate } from '../modules/loyalty/coupons.queries.ts';
import { issueCoupon } from '../modules/loyalty/coupons.service.ts';
import { saveProgramme } from '../modules/loyalty/ledger.queries.ts';
import { earnForRepairOrder, spend } from '../modules/loyalty/ledger.service.ts';
import { couponNight, earnNight, tierNight } from '../modules/loyalty/nightly.service.ts';

/**
 * Membership in the demo (docs/loyalty.md): the default programme with seed 002's benefits on its tiers
 * (the annual pack of 金卡 and above, a birthday gift from 银卡, the new-owner pack), coupon templates an
 * owner can buy with points, then the first night's earning (the history's paid repair orders and car
 * purchases of the last 24 months), tiers and rule coupons — and some members who spent points at another
 * store than where they earned them, so the settlement report has rows on day one.
 */

const noSends: JobQueue = {
  send: (name) => Promise.reject(new Error(`the demo seed sends nothing (tried to queue ${name})`)),
  sendMany: (name, jobs) =>
    jobs.length === 0 ? Promise.resolve() : Promise.reject(new Error(`the demo seed sends nothing (${name})`)),
};

const templates: Record<string, Partial<CouponTemplateInput> & { name: string }> = {
  maintenance: {
    name: '保养立减50元',
    kind: 'amount',
    amountFen: 5000,
    minSpendFen: 30_000,
    validDays: 90,
    pointsCost: 500,
  },
  labour: { name: '工时费8折', kind: 'percent', percentOff: 20, capFen: 20_000, validDays: 60, pointsCost: 800 },
  wash: { name: '免费精洗一次', kind: 'free_item', item: '精致洗车', validDays: 30, pointsCost: 200 },
  aircon: { name: '年度权益：免费空调清洗', kind: 'free_item', item: '空调系统清洗', validDays: 365 },
  birthday: { name: '生日礼：免费洗车', kind: 'free_item', item: '生日洗车', validDays: 30 },
  welcome: { name: '新车主礼包：首保后立减100元', kind: 'amount', amountFen: 10_000, validDays: 180 },
};

const repairOrderType = z.enum(repairOrderTypes);

/** How many members spend points at another store in the seed (settlement rows). */
export const demoCrossStoreSpenders = 40;

/** One transaction of the demo seed in the tenant, as the system (nothing queued); other seed parts use it too. */
export const inDemo = <T>(
  db: Database,
  tenantId: string,
  now: Date,
  fn: (ctx: Ctx) => Promise<T>,
  requestId = 'demo-seed:loyalty',
) =>
  db.transaction({ tenantId }, (tx) =>
    fn(
      systemCtx({
        tenantId,
        tx,
        jobs: noSends,
        clock: { now: () => now },
        log: pino({ level: 'silent' }),
        requestId,
      }),
    ),
  );

export const seedDemoLoyalty = async (db: Database, input: { tenantId: string; storeIds: string[]; now: Date }) => {
  const { tenantId, now } = input;
  const ids = await inDemo(db, tenantId, now, async (ctx) => {
    const made: Record<string, string> = {};
    for (const [key, t] of Object.entries(templates)) {
      made[key] = newRowId();
      await insertTemplate(ctx.sql, tenantId, made[key], couponTemplateInput.parse(t), now);
    }
    const settings = defaultLoyaltySettings();
    for (const tier of settings.tiers.slice(1)) tier.benefits.birthdayTemplateId = made.birthday ?? null;
    for (const tier of settings.tiers.slice(2)) tier.benefits.annualPackTemplateIds = [made.aircon ?? ''];
    settings.newOwnerTemplateIds = [made.welcome ?? ''];
    // The priority lane: 白金 and 钻石 hold a share of each booking slot (a place at slots of 5 or more).
    settings.tiers[3]!.benefits.reservedShare = 0.1;
    settings.tiers[4]!.benefits.reservedShare = 0.2;
    await saveProgramme(ctx.sql, tenantId, settings);
    return made;
  });
  const day = dayIn(now, 'Asia/Shanghai');
  await inDemo(db, tenantId, now, (ctx) => earnNight(ctx, day));
  // The night earns what came before today; a visit the demo delivered and paid today (13800000002's) earns
  // at its checkout, as delivery does, so 我的 shows its points on day one.
  await inDemo(db, tenantId, now, async (ctx) => {
    const paid = parseRows(
      z.object({ id: col.text, customer_id: col.text, store_id: col.text, type: repairOrderType, paid: col.number }),
      await ctx.sql.executeSql(
        `SELECT r.id, r.customer_id, r.store_id, r.type, sum(p.amount_fen) AS paid
         FROM visits v
         JOIN repair_orders r ON r.tenant_id = v.tenant_id AND r.id = v.repair_order_id
         JOIN payments p ON p.tenant_id = v.tenant_id AND p.visit_id = v.id AND p.voided_at IS NULL
         WHERE v.tenant_id = $1 AND v.status = 'delivered' AND v.delivered_at >= $2 AND r.customer_id IS NOT NULL
         GROUP BY r.id, r.customer_id, r.store_id, r.type ORDER BY r.id`,
        [tenantId, dayBounds(day, 'Asia/Shanghai').from],
      ),
    );
    for (const r of paid)
      await earnForRepairOrder(ctx, {
        id: r.id,
        customerId: r.customer_id,
        storeId: r.store_id,
        type: r.type,
        paidFen: r.paid,
      });
  });
  await inDemo(db, tenantId, now, (ctx) => tierNight(ctx, day));
  await inDemo(db, tenantId, now, (ctx) => couponNight(ctx, day));
  // Members who bought a coupon with points at a store other than the one they earned most at.
  await inDemo(db, tenantId, now, async (ctx) => {
    const rows = parseRows(
      z.object({ customer_id: col.text, store_id: col.text }),
      await ctx.sql.executeSql(
        `SELECT lm.customer_id,
           (SELECT s.id FROM stores s WHERE s.tenant_id = lm.tenant_id AND s.id = ANY($3::uuid[]) AND s.id IS DISTINCT FROM
              (SELECT l.store_id FROM points_ledger l WHERE l.tenant_id = lm.tenant_id AND l.customer_id = lm.customer_id
                 AND l.store_id IS NOT NULL ORDER BY l.points DESC LIMIT 1)
            ORDER BY s.id LIMIT 1)::text AS store_id
         FROM loyalty_members lm WHERE lm.tenant_id = $1 AND lm.balance >= 800
         ORDER BY lm.customer_id LIMIT $2`,
        [tenantId, demoCrossStoreSpenders, input.storeIds],
      ),
    );
    for (const r of rows) {
      const couponId = newRowId();
      await spend(ctx, {
        customerId: r.customer_id,
        points: 500,
        source: 'checkout',
        sourceId: couponId,
        storeId: r.store_id,
      });
    }
    // The demo owners' customer holds one coupon by hand (the owner app's 卡券 is not empty).
    const [own] = parseRows(
      z.object({ customer_id: col.text }),
      await ctx.sql.executeSql(
        `SELECT p.customer_id FROM customer_phones p WHERE p.tenant_id = $1 AND p.phone = '13800000001' LIMIT 1`,
        [tenantId],
      ),
    );
    if (own && ids.wash) await issueCoupon(ctx, { templateId: ids.wash, customerId: own.customer_id, origin: 'hand' });
  });
};
