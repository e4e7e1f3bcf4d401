import { eq } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { tenants } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { compactDay, dayIn, type Day } from './zone.ts';

/** The tenant's time zone: every local day and hour (bookings, classes, care, quiet hours) is read in it. */
export const tenantZone = async (ctx: Pick<Ctx, 'db' | 'tenantId'>): Promise<string> => {
  const [row] = await ctx.db.select({ zone: tenants.timezone }).from(tenants).where(eq(tenants.id, ctx.tenantId));
  if (!row) throw new AppError('TENANT_NOT_FOUND');
  return row.zone;
};

/** Today in the tenant's zone, as YYYY-MM-DD. */
export const tenantToday = async (ctx: Pick<Ctx, 'db' | 'tenantId' | 'clock'>): Promise<Day> =>
  dayIn(ctx.clock.now(), await tenantZone(ctx));

/** The tenant-local day of an instant as YYYYMMDD: what exported files carry in their names. */
export const tenantCompactDay = async (ctx: Pick<Ctx, 'db' | 'tenantId'>, at: Date): Promise<string> =>
  compactDay(dayIn(at, await tenantZone(ctx)));
