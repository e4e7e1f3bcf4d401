import type { OwnerBookingInput } from '@m4s/contracts';
import { clockOf } from './when.ts';

/** What the owner has chosen so far on 预约保养; null until chosen. */
export type Draft = {
  vehicleId: string | null;
  storeId: string | null;
  serviceTypeId: string | null;
  startsAt: string | null;
  advisorId: string | null;
  pickupOn: boolean;
  pickup: { address: string; windowStart: string; windowEnd: string; contactPhone: string };
  concerns: string;
  /** A coupon to use at the visit (a campaign's coupon attributes the booking to its campaign). */
  couponId: string | null;
};

export const emptyDraft = (vehicleId: string | null): Draft => ({
  vehicleId,
  storeId: null,
  serviceTypeId: null,
  startsAt: null,
  advisorId: null,
  pickupOn: false,
  pickup: { address: '', windowStart: '', windowEnd: '', contactPhone: '' },
  concerns: '',
  couponId: null,
});

export type PickupErrors = { address?: string | undefined; window?: string | undefined; phone?: string | undefined };

/** The API body once everything required is chosen; null while something is missing. */
export const bodyOf = (d: Draft): OwnerBookingInput | null => {
  if (!d.vehicleId || !d.storeId || !d.serviceTypeId || !d.startsAt) return null;
  return {
    vehicleId: d.vehicleId,
    storeId: d.storeId,
    serviceTypeId: d.serviceTypeId,
    startsAt: d.startsAt,
    advisorId: d.advisorId,
    concerns: d.concerns.trim() || null,
    pickup: d.pickupOn
      ? {
          address: d.pickup.address.trim(),
          windowStart: d.pickup.windowStart,
          windowEnd: d.pickup.windowEnd,
          contactPhone: d.pickup.contactPhone.trim() || null,
        }
      : null,
    couponId: d.couponId,
  };
};

const halfHour = 30 * 60_000;

/** Minutes before a slot, down to the half hour, as HH:mm (pickup windows end before the car is due). */
export const clockBefore = (iso: string, minutes: number): string => {
  const at = new Date(iso).getTime() - minutes * 60_000;
  return clockOf(new Date(Math.floor(at / halfHour) * halfHour).toISOString());
};
