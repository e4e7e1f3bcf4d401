import { nonceUuidSql } from '../platform/db/ids.ts';
import type { Database } from '../platform/db/types.ts';

/**
 * The demo group's 保养间隔: a row for every brand its cars are of, at the platform's defaults (首保 3 months
 * / 5,000 km, then 6 months / 5,000 km), except where the trade's brands differ: the German and other
 * premium brands service yearly or every 10,000 km, the electric brands yearly or every 20,000 km (first
 * at 6 months / 10,000 km), and one series of its own (途观L: every 7,500 km) to show an override.
 */
export const seedDemoIntervals = async (db: Database, input: { tenantId: string; now: Date }): Promise<void> => {
  await db.transaction({ tenantId: input.tenantId }, async (tx) => {
    await tx.sql.executeSql(
      `INSERT INTO service_intervals (tenant_id, id, brand_id, series_id, first_months, first_km, later_months, later_km, updated_at)
       SELECT b.tenant_id, ${nonceUuidSql("'demo-interval'", 'b.brand_id')}, b.brand_id, NULL,
              CASE WHEN b.brand_id IN ('tesla', 'nio', 'xpeng', 'li-auto') THEN 6 ELSE 3 END,
              CASE WHEN b.brand_id IN ('tesla', 'nio', 'xpeng', 'li-auto') THEN 10000 ELSE 5000 END,
              CASE WHEN b.brand_id IN ('bmw', 'mercedes-benz', 'audi', 'volvo', 'lexus', 'cadillac',
                                       'tesla', 'nio', 'xpeng', 'li-auto') THEN 12 ELSE 6 END,
              CASE WHEN b.brand_id IN ('bmw', 'mercedes-benz', 'audi', 'volvo', 'lexus', 'cadillac') THEN 10000
                   WHEN b.brand_id IN ('tesla', 'nio', 'xpeng', 'li-auto') THEN 20000 ELSE 5000 END,
              $2::timestamptz
         FROM (SELECT DISTINCT tenant_id, brand_id FROM vehicles WHERE tenant_id = $1::uuid AND brand_id IS NOT NULL) b
       ON CONFLICT DO NOTHING`,
      [input.tenantId, input.now.toISOString()],
    );
    await tx.sql.executeSql(
      `INSERT INTO service_intervals (tenant_id, brand_id, series_id, first_months, first_km, later_months, later_km, updated_at)
       VALUES ($1::uuid, 'volkswagen', 'volkswagen-tiguan-l', 3, 5000, 6, 7500, $2::timestamptz)
       ON CONFLICT DO NOTHING`,
      [input.tenantId, input.now.toISOString()],
    );
  });
};
