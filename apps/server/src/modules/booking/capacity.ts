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

/**
 * The priority lane (docs/loyalty.md): members' tiers hold a share of each slot. `holdBack` is the share the
 * customer may not use (the largest tier share less their own tier's; 0 for the top tiers): those places
 * stay free for members who may.
 */
export const heldCaps = (caps: { bookable: number; online: number }, holdBack: number) => {
  const bookable = caps.bookable - Math.floor(caps.bookable * holdBack);
  return { bookable, online: Math.min(caps.online, bookable) };
};

/** Places the channel may still book at this slot (less what the priority lane holds from this customer). */
export const freeOf = (row: SlotGridRow, s: SettingsValues, channel: Channel, holdBack = 0) => {
  const caps = heldCaps(capsOf(row.capacity, s), holdBack);
  const staffFree = Math.max(0, caps.bookable - row.total);
  return channel === 'staff' ? staffFree : Math.max(0, Math.min(staffFree, caps.online - row.online));
};

/** With an advisor asked about: that one is on duty and unbooked; without: some advisor on duty is unbooked. */
export const advisorFreeOf = (row: SlotGridRow, advisorId: string | null) =>
  advisorId ? row.chosenOnDuty && !row.chosenTaken : row.advisors - row.withAdvisor > 0;
