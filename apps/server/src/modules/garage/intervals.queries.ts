import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { carBrands, carSeries, serviceIntervals, tenants } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

/** The tenant's rows with their brand's and series' names, brand by brand (the brand's own row first). */
export const intervalRows = (db: Tx, tenantId: string) =>
  db
    .select({
      i: serviceIntervals,
      brandName: carBrands.nameZh,
      seriesName: carSeries.nameZh,
    })
    .from(serviceIntervals)
    .innerJoin(carBrands, eq(carBrands.id, serviceIntervals.brandId))
    .leftJoin(carSeries, eq(carSeries.id, serviceIntervals.seriesId))
    .where(eq(serviceIntervals.tenantId, tenantId))
    .orderBy(asc(carBrands.initial), asc(serviceIntervals.brandId), sql`${serviceIntervals.seriesId} NULLS FIRST`);

export const brandExists = async (db: Tx, brandId: string) =>
  (await db.select({ id: carBrands.id }).from(carBrands).where(eq(carBrands.id, brandId))).length > 0;

export const seriesOfBrand = async (db: Tx, brandId: string, seriesId: string) =>
  (
    await db
      .select({ id: carSeries.id })
      .from(carSeries)
      .where(and(eq(carSeries.id, seriesId), eq(carSeries.brandId, brandId)))
  ).length > 0;

type Values = Pick<
  typeof serviceIntervals.$inferInsert,
  'brandId' | 'seriesId' | 'firstMonths' | 'firstKm' | 'laterMonths' | 'laterKm' | 'updatedBy' | 'updatedAt'
>;

/** One row per brand and series: replaced whole (update, else insert). */
export const upsertInterval = async (db: Tx, tenantId: string, values: Values) => {
  const same = and(
    eq(serviceIntervals.tenantId, tenantId),
    eq(serviceIntervals.brandId, values.brandId),
    values.seriesId ? eq(serviceIntervals.seriesId, values.seriesId) : isNull(serviceIntervals.seriesId),
  );
  const updated = await db.update(serviceIntervals).set(values).where(same).returning({ id: serviceIntervals.id });
  if (updated[0]) return updated[0].id;
  const [row] = await db
    .insert(serviceIntervals)
    .values({ tenantId, ...values })
    .returning({ id: serviceIntervals.id });
  if (!row) throw new Error('service interval insert returned nothing');
  return row.id;
};

export const deleteInterval = async (db: Tx, tenantId: string, id: string) =>
  (
    await db
      .delete(serviceIntervals)
      .where(and(eq(serviceIntervals.tenantId, tenantId), eq(serviceIntervals.id, id)))
      .returning({ brandId: serviceIntervals.brandId, seriesId: serviceIntervals.seriesId })
  )[0] ?? null;

/** Every stored forecast follows the new intervals on the next classification (a full pass). */
export const markForecastsStale = (db: Tx, tenantId: string) =>
  db.update(tenants).set({ segmentsFull: true }).where(eq(tenants.id, tenantId));
