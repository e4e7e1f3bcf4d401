import type { WebhookBooking } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { emitWebhook } from '../../platform/webhooks/emit.ts';
import * as q from './booking.queries.ts';

const bookingData = async (ctx: Ctx, id: string): Promise<WebhookBooking> => {
  const b = await q.bookingRow(ctx.db, ctx.tenantId, id);
  if (!b) throw new Error(`booking ${id} vanished inside its own transaction`);
  return {
    id: b.id,
    status: b.status,
    channel: b.channel,
    storeId: b.storeId,
    customerId: b.customerId,
    vehicleId: b.vehicleId,
    serviceTypeId: b.serviceTypeId,
    advisorId: b.advisorId,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    rescheduledFrom: b.rescheduledFrom,
  };
};

/** A car's bookings are one ordered line: a reschedule's new booking never overtakes the old one's events. */
const line = (vehicleId: string) => ({ orderKey: `vehicle:${vehicleId}` });

export const bookingCreatedHook = (ctx: Ctx, b: { id: string; vehicleId: string }) =>
  emitWebhook(ctx, 'booking.created', b.id, async () => ({ booking: await bookingData(ctx, b.id) }), line(b.vehicleId));

/** 改约, 取消, 爽约 — told about the booking that changed (for a reschedule, with the one that replaces it). */
export const bookingChangedHook = (
  ctx: Ctx,
  b: { id: string; vehicleId: string },
  change: 'rescheduled' | 'cancelled' | 'no_show',
  extra: { reason?: string | null; rescheduledTo?: string } = {},
) =>
  emitWebhook(
    ctx,
    'booking.changed',
    b.id,
    async () => ({
      change,
      booking: await bookingData(ctx, b.id),
      rescheduledTo: extra.rescheduledTo ? await bookingData(ctx, extra.rescheduledTo) : null,
      reason: extra.reason ?? null,
    }),
    line(b.vehicleId),
  );
