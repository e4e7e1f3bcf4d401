import type { RepairOrder, ServiceCategory } from '@m4s/contracts';
import type { SqlExecutor, Tx } from '../../platform/db/types.ts';
import { odometerOf } from '../garage/garage.service.ts';
import { forecastNextService } from '../garage/next-service.ts';
import { roNumbersWithPrefix } from './checkin.queries.ts';
import { lockUntilCommit } from '../../platform/db/xact-lock.ts';

/** The repair order's type from the booked service: maintenance, accident, or a general repair. */
export const orderTypeOf = (category: ServiceCategory | null): RepairOrder['type'] =>
  category === 'first_maintenance' || category === 'maintenance'
    ? 'maintenance'
    : category === 'accident'
      ? 'accident'
      : 'general_repair';

/**
 * RO + the tenant's day + a three-digit sequence of that day: RO20250305001, RO20250305002… Two deliveries
 * at once would read the same last number (the second then refused by the unique number): the day's number
 * is taken under a lock held until the order is committed.
 */
export const nextRepairOrderNumber = async (
  { db, sql }: { db: Tx; sql: SqlExecutor },
  tenantId: string,
  day: string,
) => {
  const prefix = `RO${day.replace(/-/g, '')}`;
  await lockUntilCommit(sql, `ro-number|${tenantId}|${prefix}`);
  const taken = await roNumbersWithPrefix(db, tenantId, prefix);
  const pattern = new RegExp(`^${prefix}(\\d{3,})$`);
  const last = taken.reduce((max, { number }) => Math.max(max, Number(pattern.exec(number)?.[1] ?? 0)), 0);
  return `${prefix}${String(last + 1).padStart(3, '0')}`;
};

/**
 * The 保养提示贴: the next maintenance from the car's whole history, the order just written included —
 * the rule of modules/garage/next-service.ts, which the owner's 我的车辆 shows too.
 */
export const nextServiceOf = async (
  db: Tx,
  tenantId: string,
  vehicle: { id: string; purchaseDate: string | null; timeZone: string; today: string },
) => {
  const { id: vehicleId, purchaseDate, timeZone, today } = vehicle;
  return forecastNextService(await odometerOf(db, tenantId, vehicleId), { purchaseDate }, { timeZone, today }).next;
};
