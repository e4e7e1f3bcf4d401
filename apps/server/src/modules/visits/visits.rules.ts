import type { RepairOrder, ServiceCategory } from '@m4s/contracts';
import type { Tx } from '../../platform/db/types.ts';
import { odometerOf } from '../garage/garage.service.ts';
import { estimateNextService } from '../garage/next-service.ts';
import { kmPerDay, type Reading } from '../vehicles/mileage.ts';
import { roNumbersWithPrefix } from './checkin.queries.ts';

/** The calendar day of an instant in the tenant's zone, as YYYY-MM-DD. */
export const dayIn = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** The repair order's type from the booked service: maintenance, accident, or a general repair. */
export const orderTypeOf = (category: ServiceCategory | null): RepairOrder['type'] =>
  category === 'first_maintenance' || category === 'maintenance'
    ? 'maintenance'
    : category === 'accident'
      ? 'accident'
      : 'general_repair';

/** RO + the tenant's day + a three-digit sequence of that day: RO20250305001, RO20250305002… */
export const nextRepairOrderNumber = async (db: Tx, tenantId: string, day: string) => {
  const prefix = `RO${day.replace(/-/g, '')}`;
  const taken = await roNumbersWithPrefix(db, tenantId, prefix);
  const pattern = new RegExp(`^${prefix}(\\d{3,})$`);
  const last = taken.reduce((max, { number }) => Math.max(max, Number(pattern.exec(number)?.[1] ?? 0)), 0);
  return `${prefix}${String(last + 1).padStart(3, '0')}`;
};

/**
 * The 保养提示贴: the next maintenance from the car's whole history, the order just written included —
 * the rule of modules/garage/next-service.ts, which the owner's 我的车辆 shows too.
 */
export const nextServiceOf = async (db: Tx, tenantId: string, vehicleId: string, purchaseDate: string | null) => {
  const { readings, orders } = await odometerOf(db, tenantId, vehicleId);
  const points: Reading[] = [
    ...readings,
    ...orders.flatMap((o) => (o.km === null ? [] : [{ at: o.at, km: o.km }])),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  const lastMaintenance = orders.find((o) => o.type === 'maintenance');
  return estimateNextService({
    lastMaintenance: lastMaintenance ? { at: lastMaintenance.at, km: lastMaintenance.km } : null,
    purchaseDate,
    latest: points[0] ?? null,
    kmPerDay: kmPerDay(points, purchaseDate ? new Date(`${purchaseDate}T00:00:00Z`) : null),
  });
};
