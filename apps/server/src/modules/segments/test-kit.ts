import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  customerPhones,
  customerSegments,
  customers,
  mileageReadings,
  repairOrders,
  segmentChanges,
  vehicleSegments,
  vehicles,
} from '../../platform/db/schema/index.ts';
import type { TxHandle } from '../../platform/db/types.ts';
import { createTestTenant, testApp, type TestTenant } from '../../../test/harness.ts';
import { asJob } from '../booking/test-kit.ts';
import { classifyTenant, type ClassifySummary } from './classify.ts';

/** Calendar arithmetic on local days, as the statements do it (month ends clamp). */
export { addDays, addMonths } from '../../platform/time/zone.ts';
/** An instant on a Shanghai day (10:00 local unless told). */
export const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);

const tx = async <T>(tenantId: string, fn: (h: TxHandle) => Promise<T>): Promise<T> => {
  const { db } = await testApp();
  return db.transaction({ tenantId }, fn);
};

export const newCustomer = async (
  tenantId: string,
  opts: { seasonal?: boolean; createdAt?: Date; name?: string; phone?: string } = {},
) =>
  tx<string>(tenantId, async ({ db }) => {
    const now = opts.createdAt ?? new Date('2020-01-01T00:00:00Z');
    const [row] = await db
      .insert(customers)
      .values({
        tenantId,
        name: opts.name ?? `分群客户${randomBytes(2).toString('hex')}`,
        source: 'walk_in',
        seasonal: opts.seasonal ?? false,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: customers.id });
    if (!row) throw new Error('no customer');
    if (opts.phone)
      await db.insert(customerPhones).values({ tenantId, customerId: row.id, phone: opts.phone, isPrimary: true });
    return row.id;
  });

export type CarOpts = {
  purchaseDate?: string | null;
  brandId?: string | null;
  warrantyYears?: number;
  warrantyKm?: number;
  plate?: string;
};

export const newCar = async (tenantId: string, ownerId: string, opts: CarOpts = {}) =>
  tx<string>(tenantId, async ({ db }) => {
    const [row] = await db
      .insert(vehicles)
      .values({
        tenantId,
        vin: `LSEG${randomBytes(7).toString('hex').toUpperCase()}`.slice(0, 17),
        ownerId,
        purchaseDate: opts.purchaseDate ?? null,
        brandId: opts.brandId ?? null,
        warrantyYears: opts.warrantyYears ?? null,
        warrantyKm: opts.warrantyKm ?? null,
        plate: opts.plate ?? null,
      })
      .returning({ id: vehicles.id });
    if (!row) throw new Error('no vehicle');
    return row.id;
  });

export type OrderOpts = {
  at: Date;
  type?: 'maintenance' | 'general_repair' | 'accident' | 'warranty_claim' | 'campaign';
  totalFen?: number;
  partsCostFen?: number;
  km?: number | null;
};

export const newOrder = async (tenantId: string, customerId: string, vehicleId: string, o: OrderOpts) =>
  tx<void>(tenantId, async ({ db }) => {
    await db.insert(repairOrders).values({
      tenantId,
      number: `SEG${randomBytes(5).toString('hex')}`,
      vehicleId,
      customerId,
      type: o.type ?? 'maintenance',
      dateIn: o.at,
      dateOut: o.at,
      mileageKm: o.km ?? null,
      totalFen: o.totalFen ?? 0,
      partsCostFen: o.partsCostFen ?? 0,
    });
  });

export const newReading = async (tenantId: string, vehicleId: string, readAt: Date, km: number) =>
  tx<void>(tenantId, async ({ db }) => {
    await db.insert(mileageReadings).values({ tenantId, vehicleId, readAt, km, source: 'owner' });
  });

export const setRules = async (tenantId: string, rules: Record<string, unknown>) => {
  const { db } = await testApp();
  await db.owner.executeSql('UPDATE tenants SET segment_rules = $2::jsonb WHERE id = $1', [
    tenantId,
    JSON.stringify(rules),
  ]);
};

export const setTimezone = async (tenantId: string, timezone: string) => {
  const { db } = await testApp();
  await db.owner.executeSql('UPDATE tenants SET timezone = $2 WHERE id = $1', [tenantId, timezone]);
};

export const classify = (
  tenantId: string,
  asOf: string,
  customerIds?: string[],
  scope: 'all' | 'due' = 'all',
): Promise<ClassifySummary> =>
  asJob(tenantId, (ctx) => classifyTenant(ctx, asOf, customerIds ? { customerIds } : scope));

export const segmentsOf = (tenantId: string) =>
  tx<{
    customers: Map<string, typeof customerSegments.$inferSelect>;
    vehicles: Map<string, typeof vehicleSegments.$inferSelect>;
    changes: (typeof segmentChanges.$inferSelect)[];
  }>(tenantId, async ({ db }) => {
    const c = await db.select().from(customerSegments).where(eq(customerSegments.tenantId, tenantId));
    const v = await db.select().from(vehicleSegments).where(eq(vehicleSegments.tenantId, tenantId));
    const changes = await db.select().from(segmentChanges).where(eq(segmentChanges.tenantId, tenantId));
    return {
      customers: new Map(c.map((r) => [r.customerId, r])),
      vehicles: new Map(v.map((r) => [r.vehicleId, r])),
      changes,
    };
  });

/** A tenant of its own for one table of cases (its one classification covers every case at once). */
export const segmentTenant = (roles: Parameters<typeof createTestTenant>[0] = ['group_admin']): Promise<TestTenant> =>
  createTestTenant(roles);
