import { z } from 'zod';
import { pino } from 'pino';
import { campaignInput, couponTemplateInput, type CampaignCounts } from '@m4s/contracts';
import { systemCtx, type Ctx } from '../platform/context.ts';
import { newRowId } from '../platform/db/ids.ts';
import { col, parseRows } from '../platform/db/rows.ts';
import type { Database } from '../platform/db/types.ts';
import type { JobQueue } from '../platform/jobs/queue.ts';
import { insertTemplate } from '../modules/loyalty/coupons.queries.ts';
import { campaignById, insertCampaign, setStatus } from '../modules/campaigns/campaigns.queries.ts';
import { sendNow } from '../modules/campaigns/campaigns.send.ts';
import { campaignTemplates } from '../modules/campaigns/campaigns.templates.ts';

/**
 * Campaigns in the demo (docs/campaigns.md): seed 002's strategies A–C as drafts with their coupons, and
 * strategy D — the recall of at-risk customers with a 7折 coupon — sent 30 days before the demo's day
 * through the contact gate as it stood then, its window just closed. Its results are the generated
 * history of the reached and the control group in those 30 days, plus a few recalled owners who booked
 * with the coupon and used it (so the results page shows direct attribution on day one).
 */

const dayMs = 86_400_000;
/** The recall went out this many days before the demo's day; its window is as long. */
const sentDaysAgo = 30;
/** Reached customers who booked with the coupon (and used it at the visit). */
const couponBookers = 12;

/** Messages the seed's gate run decides are recorded as sent then: no job is queued for a month-old message. */
const noSends: JobQueue = { send: () => Promise.resolve(), sendMany: () => Promise.resolve() };

const inDemo = <T>(db: Database, tenantId: string, at: Date, fn: (ctx: Ctx) => Promise<T>) =>
  db.transaction({ tenantId }, (tx) =>
    fn(
      systemCtx({
        tenantId,
        tx,
        jobs: noSends,
        clock: { now: () => at },
        log: pino({ level: 'silent' }),
        requestId: 'demo-seed:campaigns',
      }),
    ),
  );

export const seedDemoCampaigns = async (
  db: Database,
  input: { tenantId: string; storeIds: string[]; now: Date },
): Promise<{ campaignId: string; counts: CampaignCounts }> => {
  const { tenantId, now } = input;
  const sentAt = new Date(now.getTime() - sentDaysAgo * dayMs);
  const made = await inDemo(db, tenantId, sentAt, async (ctx) => {
    const ids: Record<string, { id: string; spec: ReturnType<typeof campaignInput.parse> }> = {};
    for (const t of campaignTemplates) {
      const templateId = newRowId();
      await insertTemplate(
        ctx.sql,
        tenantId,
        templateId,
        couponTemplateInput.parse({ ...t.coupon, minSpendFen: 0 }),
        sentAt,
      );
      const id = newRowId();
      const spec = campaignInput.parse({
        ...t.campaign,
        offer: { kind: 'coupon', templateId },
        ...(t.strategy === 'D' ? { attributionDays: sentDaysAgo, controlPercent: 20, costFen: 60_000 } : {}),
      });
      await insertCampaign(ctx.sql, tenantId, { id, spec, createdBy: null, at: sentAt });
      ids[t.strategy] = { id, spec };
    }
    return ids;
  });
  const recall = made.D;
  if (!recall) throw new Error('the demo recall campaign was not made');
  const campaignId = recall.id;
  // The recall, sent through the gate as it stood 30 days ago.
  const counts = await inDemo(db, tenantId, sentAt, async (ctx) => {
    const row = await campaignById(ctx.sql, tenantId, campaignId);
    if (!row) throw new Error('the demo recall campaign was not made');
    const sent = await sendNow(ctx, row, recall.spec);
    await setStatus(ctx.sql, tenantId, campaignId, ['draft'], { status: 'sent', counts: sent, sentAt });
    // A month-old message went then: its outbox row is sent, not waiting for a job.
    await ctx.sql.executeSql(
      `UPDATE notifications n SET status = 'sent', sent_at = $3
       WHERE n.tenant_id = $1 AND n.status = 'queued' AND EXISTS (SELECT 1 FROM touches t WHERE t.tenant_id = $1
         AND t.tenant_id = n.tenant_id AND t.notification_id = n.id AND t.source = 'campaign' AND t.dedupe_key LIKE $2)`,
      [tenantId, `campaign:${campaignId}:%`, sentAt],
    );
    return sent;
  });
  await bookWithCoupons(db, { tenantId, campaignId, sentAt, storeIds: input.storeIds });
  return { campaignId, counts };
};

/**
 * Recalled owners who came back: a booking made with the coupon a few days after the send, its visit
 * (delivered) and repair order, and the coupon redeemed at that visit's checkout (7折 on the bill, up to the cap).
 */
const bookWithCoupons = async (
  db: Database,
  input: { tenantId: string; campaignId: string; sentAt: Date; storeIds: string[] },
) =>
  inDemo(db, input.tenantId, input.sentAt, async (ctx) => {
    const rows = parseRows(
      z.object({ customer_id: col.text, coupon_id: col.text, vehicle_id: col.text, service_type_id: col.text }),
      await ctx.sql.executeSql(
        `SELECT m.customer_id, m.coupon_id,
           (SELECT v.id FROM vehicles v WHERE v.tenant_id = $1 AND v.tenant_id = m.tenant_id AND v.owner_id = m.customer_id
            ORDER BY v.id LIMIT 1) AS vehicle_id,
           (SELECT s.id FROM service_types s WHERE s.tenant_id = $1 AND s.tenant_id = m.tenant_id AND s.active
            ORDER BY s.code LIMIT 1) AS service_type_id
         FROM campaign_members m
         WHERE m.tenant_id = $1 AND m.campaign_id = $2 AND m.grp = 'reached' AND m.coupon_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM vehicles v WHERE v.tenant_id = $1 AND v.tenant_id = m.tenant_id
             AND v.owner_id = m.customer_id)
         ORDER BY m.customer_id LIMIT $3`,
        [input.tenantId, input.campaignId, couponBookers],
      ),
    );
    for (const [i, r] of rows.entries()) {
      const storeId = input.storeIds[i % input.storeIds.length] ?? '';
      const bookedAt = new Date(input.sentAt.getTime() + (1 + (i % 5)) * dayMs);
      const startsAt = new Date(bookedAt.getTime() + 3 * dayMs + 2 * 3_600_000);
      const bookingId = newRowId();
      const orderId = newRowId();
      const visitId = newRowId();
      await ctx.sql.executeSql(
        `INSERT INTO bookings (tenant_id, id, store_id, customer_id, vehicle_id, service_type_id, starts_at, ends_at,
           channel, status, coupon_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'app', 'completed', $9, $10, $10)`,
        [
          input.tenantId,
          bookingId,
          storeId,
          r.customer_id,
          r.vehicle_id,
          r.service_type_id,
          startsAt,
          new Date(startsAt.getTime() + 90 * 60_000),
          r.coupon_id,
          bookedAt,
        ],
      );
      // Its place in the slot, as booking it in the app took one (completed bookings keep theirs).
      await ctx.sql.executeSql(
        `INSERT INTO booking_slots (tenant_id, id, store_id, starts_at, total, online) VALUES ($1, $2, $3, $4, 1, 1)
         ON CONFLICT (tenant_id, store_id, starts_at)
           DO UPDATE SET total = booking_slots.total + 1, online = booking_slots.online + 1`,
        [input.tenantId, newRowId(), storeId, startsAt],
      );
      const labour = 38_000 + (i % 4) * 12_000;
      const parts = 52_000 + (i % 3) * 21_000;
      const total = labour + parts;
      await ctx.sql.executeSql(
        `INSERT INTO repair_orders (tenant_id, id, number, vehicle_id, customer_id, store_id, type, date_in, date_out,
           labour_fen, parts_fen, total_fen, parts_cost_fen)
         VALUES ($1, $2, $3, $4, $5, $6, 'maintenance', $7, $8, $9, $10, $11, $12)`,
        [
          input.tenantId,
          orderId,
          `RC${String(i + 1).padStart(4, '0')}-${input.campaignId.slice(-6)}`,
          r.vehicle_id,
          r.customer_id,
          storeId,
          startsAt,
          new Date(startsAt.getTime() + 3 * 3_600_000),
          labour,
          parts,
          total,
          Math.round(parts * 0.62),
        ],
      );
      // The booking's visit, delivered, its checkout redeeming the coupon (the results' direct visits and revenue).
      const deliveredAt = new Date(startsAt.getTime() + 3 * 3_600_000);
      await ctx.sql.executeSql(
        `INSERT INTO visits (tenant_id, id, store_id, booking_id, customer_id, vehicle_id, status, checked_in_at,
           repair_order_id, delivered_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'delivered', $7, $8, $9, $7, $9)`,
        [input.tenantId, visitId, storeId, bookingId, r.customer_id, r.vehicle_id, startsAt, orderId, deliveredAt],
      );
      await ctx.sql.executeSql(
        `UPDATE coupons SET status = 'redeemed', redeemed_at = $3, redeemed_store_id = $4, discount_fen = $5,
           redeemed_visit_id = $6
         WHERE tenant_id = $1 AND id = $2 AND status = 'issued'`,
        [input.tenantId, r.coupon_id, deliveredAt, storeId, Math.min(100_000, Math.round(total * 0.3)), visitId],
      );
    }
  });
