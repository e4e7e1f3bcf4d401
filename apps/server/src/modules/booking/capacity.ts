import type { SettingsValues, SlotGridRow } from './availability.queries.ts';

export type Channel = 'app' | 'staff';

/**
 * What one slot may hold. `capacity` = min(bays, advisors on duty). Staff (phone, desk) may book all but
 * the walk-in share, rounded in the walk-ins' favour; the app may book its online share, rounded down.
 * Walk-in check-ins are not counted here: they are never refused for capacity.
 */
export const capsOf = (capacity: number, s: Pick<SettingsValues, 'walkInSharePct' | 'onlineSharePct'>) => {
  const bookable = Math.max(0, capacity - Math.ceil((capacity * s.walkInSharePct) / 100));
  const online = Math.min(bookable, Math.floor((capacity * s.onlineSharePct) / 100));
  return { bookable, online };
};

/** Places the channel may still book at this slot. */
export const freeOf = (row: SlotGridRow, s: SettingsValues, channel: Channel) => {
  const caps = capsOf(row.capacity, s);
  const staffFree = Math.max(0, caps.bookable - row.total);
  return channel === 'staff' ? staffFree : Math.max(0, Math.min(staffFree, caps.online - row.online));
};

/** With an advisor asked about: that one is on duty and unbooked; without: some advisor on duty is unbooked. */
export const advisorFreeOf = (row: SlotGridRow, advisorId: string | null) =>
  advisorId ? row.chosenOnDuty && !row.chosenTaken : row.advisors - row.withAdvisor > 0;
