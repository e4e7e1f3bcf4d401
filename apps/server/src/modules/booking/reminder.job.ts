import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { bookings } from '../../platform/db/schema/index.ts';
import { ruleEnabled } from '../care/rules.service.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import { tenantSuspended } from '../../platform/tenant-status.ts';
import { sendReminder } from './booking.notify.ts';
import { reminderTime } from './reminder.schedule.ts';

export { reminderSchedule, reminderTime } from './reminder.schedule.ts';

export const remindJobName = 'booking.remind';

/**
 * Queues the reminder for 18:00 the day before, inside the booking's transaction. When that moment has
 * passed already (a booking for today, or made tonight for tomorrow) no reminder is queued: the
 * confirmation has just said so (reminderSchedule).
 */
export const scheduleReminder = async (ctx: Ctx, booking: { id: string; startsAt: Date }) => {
  const at = await reminderTime(ctx, booking.startsAt);
  if (at.getTime() <= ctx.clock.now().getTime()) return;
  await ctx.jobs.send(
    remindJobName,
    { tenantId: ctx.tenantId, bookingId: booking.id },
    { startAfter: at, singletonKey: `${remindJobName}:${booking.id}` },
  );
};

/**
 * Sends the reminder once: only a booking still booked (a cancelled one — a rescheduled one is
 * cancelled too, its successor has its own job — is skipped), and reminder_sent_at is claimed with a
 * guarded UPDATE in the same transaction as the messages, so a retry or a second job never sends twice.
 */
export const remindBooking = async (ctx: Ctx, bookingId: string): Promise<boolean> => {
  // The tenant may switch the reminder off among its care rules (管理后台 › 关怀规则).
  if (!(await ruleEnabled(ctx, 'booking_reminder'))) return false;
  const claimed = await ctx.db
    .update(bookings)
    .set({ reminderSentAt: ctx.clock.now() })
    .where(
      and(
        eq(bookings.tenantId, ctx.tenantId),
        eq(bookings.id, bookingId),
        eq(bookings.status, 'booked'),
        isNull(bookings.reminderSentAt),
        // A job run late (the server was down) does not remind of a slot that has begun.
        gt(bookings.startsAt, ctx.clock.now()),
      ),
    )
    .returning({ id: bookings.id });
  if (claimed.length === 0) return false;
  await sendReminder(ctx, bookingId);
  return true;
};

export const bookingRemindJob = defineJob({
  name: remindJobName,
  payload: z.object({ tenantId: z.uuid(), bookingId: z.uuid() }),
  retryLimit: 3,
  handle: async (ctx, { bookingId }) => {
    if (await tenantSuspended(ctx.db, ctx.tenantId)) return;
    await remindBooking(ctx, bookingId);
  },
});
