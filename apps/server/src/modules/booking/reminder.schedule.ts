import type { Ctx } from '../../platform/context.ts';
import { ruleEnabled } from '../care/rules.service.ts';
import { tenantZone } from '../../platform/time/tenant-zone.ts';
import { addDays, dayIn, instantOf } from '../../platform/time/zone.ts';

/** 18:00 tenant time on the day before the booking: the one moment the reminder job is queued for. */
export const reminderInstant = (startsAt: Date, zone: string): Date =>
  instantOf(addDays(dayIn(startsAt, zone), -1), '18:00', zone);

export const reminderTime = async (ctx: Ctx, startsAt: Date): Promise<Date> =>
  reminderInstant(startsAt, await tenantZone(ctx));

type Remindable = { status: string; startsAt: Date; reminderSentAt: Date | null };

/**
 * When each booking's reminder will come, or null when none will: the moment has passed (a booking for
 * today, or made after 18:00 for tomorrow), it was sent already, the booking is no longer booked, or the
 * tenant switched the reminder off (管理后台 › 关怀规则). The confirmations (the app's 预约成功, the inbox
 * message) say what this says, from the same reminderInstant the job is queued with.
 */
export const reminderSchedule = async (ctx: Ctx): Promise<(b: Remindable) => Date | null> => {
  const [zone, enabled] = [await tenantZone(ctx), await ruleEnabled(ctx, 'booking_reminder')];
  const now = ctx.clock.now().getTime();
  return (b) => {
    if (!enabled || b.status !== 'booked' || b.reminderSentAt) return null;
    const at = reminderInstant(b.startsAt, zone);
    return at.getTime() > now ? at : null;
  };
};
