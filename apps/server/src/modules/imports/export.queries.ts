import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { carBrands, catalogueSeries, customers, vehicles } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

/** The cars of the customers on one page of an export, with their brand and series names (or kept texts). */
export const carsOf = (db: Tx, tenantId: string, ownerIds: string[]) =>
  db
    .select({
      ownerId: vehicles.ownerId,
      plate: vehicles.plate,
      vin: vehicles.vin,
      // A name the catalogue lacks, as the imported file wrote it (vehicles.brand_text …).
      brand: sql<string | null>`coalesce(${carBrands.nameZh}, ${vehicles.brandText})`,
      series: sql<string | null>`coalesce(${catalogueSeries.nameZh}, ${vehicles.seriesText})`,
    })
    .from(vehicles)
    .leftJoin(carBrands, eq(carBrands.id, vehicles.brandId))
    .leftJoin(catalogueSeries, eq(catalogueSeries.id, vehicles.seriesId))
    .where(and(eq(vehicles.tenantId, tenantId), inArray(vehicles.ownerId, ownerIds)));

/** Without a query: every customer in scope, in the search's order (shortest name first, then by name). */
export const everyone = async (db: Tx, tenantId: string, limit: number, onlyStaffId: string | null) => {
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        eq(customers.tenantId, tenantId),
        isNull(customers.erasedAt),
        onlyStaffId
          ? or(eq(customers.salesConsultantId, onlyStaffId), eq(customers.serviceAdvisorId, onlyStaffId))
          : undefined,
      ),
    )
    .orderBy(asc(sql`length(${customers.name})`), asc(customers.name))
    .limit(limit);
  return rows.map((r) => r.id);
};
