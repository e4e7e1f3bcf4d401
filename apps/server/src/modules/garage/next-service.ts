import type { NextServiceDue } from '@m4s/contracts';
import { addDays, addMonths, dayIn, defaultTimeZone } from '../../platform/time/zone.ts';
import { kmPerDay, platformKmPerDay, type Reading } from '../vehicles/mileage.ts';

/**
 * The platform's later maintenance interval: six months or 5,000 km, whichever comes first. A tenant sets
 * its own per brand and series (service_intervals, the 保养间隔 page); this is the interval of a car with none.
 */
export const defaultServiceInterval = { months: 6, km: 5000 } as const;
/** The platform's first maintenance (首保), counted from the purchase: 3 months or 5,000 km, whichever first. */
export const defaultFirstService = { months: 3, km: 5000 } as const;
export type ServiceInterval = { months: number; km: number };
/** A car's intervals: the first maintenance after purchase, and every later one. */
export type ServiceIntervals = { first: ServiceInterval; later: ServiceInterval };
export const defaultIntervals: ServiceIntervals = { first: defaultFirstService, later: defaultServiceInterval };

type Input = {
  /** The newest maintenance visit (保养): its date and odometer, if the order recorded one. */
  lastMaintenance: { at: Date; km: number | null } | null;
  purchaseDate: string | null;
  /** The newest odometer reading of any source. */
  latest: { at: Date; km: number } | null;
  kmPerDay: number | null;
  /** The later interval (from the last maintenance). */
  interval?: ServiceInterval;
  /** The first interval (from the purchase, while the car has had no maintenance). */
  firstInterval?: ServiceInterval;
  /** The tenant's zone, in which visits and readings fall on days: 07:30 on the 3rd in Shanghai is the 3rd. */
  timeZone?: string;
};

/**
 * The next maintenance: from the last maintenance work (or, before the first one, from the purchase at
 * 0 km with the first-maintenance interval), the earlier of the interval's months and the day the car
 * reaches the interval's kilometres at its own pace. Null when nothing is known to count from.
 */
export const estimateNextService = ({
  lastMaintenance,
  purchaseDate,
  latest,
  kmPerDay,
  interval = defaultServiceInterval,
  firstInterval = defaultFirstService,
  timeZone = defaultTimeZone,
}: Input): NextServiceDue | null => {
  const localDay = (at: Date) => dayIn(at, timeZone);
  const basis = lastMaintenance
    ? { kind: 'last_maintenance' as const, on: localDay(lastMaintenance.at), km: lastMaintenance.km }
    : purchaseDate
      ? { kind: 'purchase' as const, on: purchaseDate, km: 0 }
      : null;
  if (!basis) return null;
  const applies = basis.kind === 'purchase' ? firstInterval : interval;
  const byTime = addMonths(basis.on, applies.months);
  const dueKm = basis.km === null ? null : basis.km + applies.km;
  let byKm: string | null = null;
  if (dueKm !== null && kmPerDay && kmPerDay > 0) {
    // Count from the newest thing known about the odometer: a later reading beats the visit itself.
    const from =
      latest && localDay(latest.at) >= basis.on
        ? { on: localDay(latest.at), km: latest.km }
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

/** What the forecast reads of a car (garage.queries odometerOf): trusted values only, newest first. */
type Odometer = {
  readings: Reading[];
  /**
   * `maintenance`: the order did maintenance work (a line of that kind, or no lines and the maintenance
   * type: garage.queries odometerOf); absent, the order's type stands for it.
   */
  orders: { at: Date; km: number | null; type: string; maintenance?: boolean }[];
  typicalKmPerDay: number | null;
  /** The car's intervals (service_intervals: its series', else its brand's); absent: the platform's. */
  intervals?: ServiceIntervals;
};

/**
 * The next maintenance of one car from its trusted odometer values, as the owner's 我的车辆 and the 保养提示贴
 * show it (with `overdue` when its day has passed): the pace by vehicles/mileage.ts kmPerDay (the brand's typical pace as the fallback), the basis
 * the newest order with maintenance work, the car's own intervals. The nightly twin is segments/vehicle-sql.ts.
 */
export const forecastNextService = (
  { readings, orders, typicalKmPerDay, intervals = defaultIntervals }: Odometer,
  car: { purchaseDate: string | null },
  at: { timeZone: string; today: string },
) => {
  const points: Reading[] = [
    ...readings,
    ...orders.flatMap((o) => (o.km === null ? [] : [{ at: o.at, km: o.km }])),
  ].sort((a, b) => b.at.getTime() - a.at.getTime() || b.km - a.km);
  const lastMaintenance = orders.find((o) => o.maintenance ?? o.type === 'maintenance');
  const purchase = car.purchaseDate ? new Date(`${car.purchaseDate}T00:00:00Z`) : null;
  const next = estimateNextService({
    lastMaintenance: lastMaintenance ? { at: lastMaintenance.at, km: lastMaintenance.km } : null,
    purchaseDate: car.purchaseDate,
    latest: points[0] ?? null,
    kmPerDay: kmPerDay(points, purchase, typicalKmPerDay ?? platformKmPerDay),
    interval: intervals.later,
    firstInterval: intervals.first,
    timeZone: at.timeZone,
  });
  // Past its due day the car is overdue: dueOn is then the day it fell due, never a forecast to come.
  return { latest: points[0] ?? null, next, overdue: next !== null && next.dueOn < at.today };
};
