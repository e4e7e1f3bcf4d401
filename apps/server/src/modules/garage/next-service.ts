import type { NextServiceDue } from '@m4s/contracts';
import { addDays, addMonths } from '../booking/booking.time.ts';

/**
 * The tenant's default maintenance interval: six months or 5,000 km, whichever comes first. A named
 * constant until the care rules (issue 5) let each tenant and brand set its own.
 */
export const defaultServiceInterval = { months: 6, km: 5000 } as const;
export type ServiceInterval = { months: number; km: number };

// The dealers are in mainland China (UTC+8 all year): a visit at 07:30 on the 3rd is on the 3rd, not the 2nd.
const chinaOffsetMs = 8 * 3_600_000;

/** The calendar day in China of an instant, as YYYY-MM-DD. */
export const chinaDay = (at: Date): string => new Date(at.getTime() + chinaOffsetMs).toISOString().slice(0, 10);

type Input = {
  /** The newest maintenance visit (保养): its date and odometer, if the order recorded one. */
  lastMaintenance: { at: Date; km: number | null } | null;
  purchaseDate: string | null;
  /** The newest odometer reading of any source. */
  latest: { at: Date; km: number } | null;
  kmPerDay: number | null;
  interval?: ServiceInterval;
};

/**
 * The next maintenance: from the last maintenance visit (or, before the first one, from the purchase at
 * 0 km), the earlier of the interval's months and the day the car reaches the interval's kilometres at
 * its own pace. Null when nothing is known to count from.
 */
export const estimateNextService = ({
  lastMaintenance,
  purchaseDate,
  latest,
  kmPerDay,
  interval = defaultServiceInterval,
}: Input): NextServiceDue | null => {
  const basis = lastMaintenance
    ? { kind: 'last_maintenance' as const, on: chinaDay(lastMaintenance.at), km: lastMaintenance.km }
    : purchaseDate
      ? { kind: 'purchase' as const, on: purchaseDate, km: 0 }
      : null;
  if (!basis) return null;
  const byTime = addMonths(basis.on, interval.months);
  const dueKm = basis.km === null ? null : basis.km + interval.km;
  let byKm: string | null = null;
  if (dueKm !== null && kmPerDay && kmPerDay > 0) {
    // Count from the newest thing known about the odometer: a later reading beats the visit itself.
    const from =
      latest && chinaDay(latest.at) >= basis.on
        ? { on: chinaDay(latest.at), km: latest.km }
        : { on: basis.on, km: basis.km ?? 0 };
    byKm = addDays(from.on, Math.round((dueKm - from.km) / kmPerDay));
    if (byKm < basis.on) byKm = basis.on;
  }
  const kmFirst = byKm !== null && byKm < byTime;
  return {
    dueOn: kmFirst && byKm ? byKm : byTime,
    dueKm,
    dueBy: kmFirst ? 'km' : 'time',
    basis: basis.kind,
    basisOn: basis.on,
    basisKm: basis.km,
  };
};
