import type { VisitStatus, WebhookVisit } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { emitWebhook } from '../../platform/webhooks/emit.ts';
import type { VisitHeader } from './visits.queries.ts';

type VisitRow = VisitHeader['v'];

const visitData = (v: VisitRow, now: { status: VisitStatus; deliveredAt?: Date }): WebhookVisit => ({
  id: v.id,
  status: now.status,
  storeId: v.storeId,
  customerId: v.customerId,
  vehicleId: v.vehicleId,
  bookingId: v.bookingId,
  advisorId: v.advisorId,
  checkedInAt: v.checkedInAt.toISOString(),
  deliveredAt: (now.deliveredAt ?? v.deliveredAt)?.toISOString() ?? null,
});

/** 接车 (from null) and every stage move after it. */
export const visitStageHook = (ctx: Ctx, v: VisitRow, from: VisitStatus | null, to: VisitStatus) =>
  emitWebhook(ctx, 'visit.stage_changed', v.id, { visit: visitData(v, { status: to }), from, to });

/** 交车, with the repair order written from it and its total. */
export const visitDeliveredHook = (
  ctx: Ctx,
  v: VisitRow,
  delivered: { at: Date; repairOrderId: string; totalFen: number },
) =>
  emitWebhook(ctx, 'visit.delivered', v.id, {
    visit: visitData(v, { status: 'delivered', deliveredAt: delivered.at }),
    repairOrderId: delivered.repairOrderId,
    totalFen: delivered.totalFen,
  });
