import { followUpSlotWindows, type FollowUpSlot } from '@m4s/contracts';
import type { StaffCtx } from '../../platform/context.ts';
import { callMoment } from '../../platform/time/quiet.ts';
import { tenantZone } from '../../platform/time/tenant-zone.ts';
import { addDays, instantOf, todayIn } from '../../platform/time/zone.ts';

/** A customer's preferred slot and quiet hours as the calendar's windows (null: none). */
export const windowsOf = (c: {
  preferred_slot: FollowUpSlot | null;
  quiet_start: string | null;
  quiet_end: string | null;
}) => ({
  slot: c.preferred_slot ? followUpSlotWindows[c.preferred_slot] : null,
  quiet: c.quiet_start && c.quiet_end ? { start: c.quiet_start, end: c.quiet_end } : null,
});
export type CustomerWindows = ReturnType<typeof windowsOf>;

/** The first moment from `at` inside the customer's slot and outside their quiet hours (platform/time). */
export const placeCall = async (ctx: StaffCtx, at: Date, w: CustomerWindows): Promise<Date> =>
  callMoment(at, w.slot, w.quiet, await tenantZone(ctx));

/** No answer: the next day, from 09:00, at the first moment that suits the customer. */
export const nextDayMoment = async (ctx: StaffCtx, w: CustomerWindows): Promise<Date> => {
  const zone = await tenantZone(ctx);
  return callMoment(instantOf(addDays(todayIn(ctx.clock, zone), 1), '09:00', zone), w.slot, w.quiet, zone);
};
