import { eq, sql } from 'drizzle-orm';
import { carModels, carSeries, tenantCarModels, tenantCarSeries } from './schema/index.ts';
import type { Tx } from './types.ts';

// The catalogue views (catalogue_series / catalogue_models) pick the tenant's own rows by
// current_setting('app.tenant_id'), on which Citus cannot choose a shard: a query joining them read every
// shard. These are the same rows with the tenant named, aliased as the views, so a query joins them in the
// view's place and keeps its column references (`catalogueSeries.nameZh` …): docs/scaling.md §4.

/** The series the tenant sees (global and its own), as the view `catalogue_series`. */
export const catalogueSeriesOf = (db: Tx, tenantId: string) =>
  db
    .select({
      id: carSeries.id,
      brandId: carSeries.brandId,
      nameZh: carSeries.nameZh,
      nameEn: carSeries.nameEn,
      bodyType: carSeries.bodyType,
      own: sql<boolean>`false`.as('own'),
    })
    .from(carSeries)
    .unionAll(
      db
        .select({
          id: tenantCarSeries.id,
          brandId: tenantCarSeries.brandId,
          nameZh: tenantCarSeries.nameZh,
          nameEn: tenantCarSeries.nameEn,
          bodyType: tenantCarSeries.bodyType,
          own: sql<boolean>`true`.as('own'),
        })
        .from(tenantCarSeries)
        .where(eq(tenantCarSeries.tenantId, tenantId)),
    )
    .as('catalogue_series');

/** The models the tenant sees (global and its own), as the view `catalogue_models`. */
export const catalogueModelsOf = (db: Tx, tenantId: string) =>
  db
    .select({
      id: carModels.id,
      seriesId: carModels.seriesId,
      nameZh: carModels.nameZh,
      year: carModels.year,
      fuel: carModels.fuel,
      priceFen: carModels.priceFen,
      own: sql<boolean>`false`.as('own'),
    })
    .from(carModels)
    .unionAll(
      db
        .select({
          id: tenantCarModels.id,
          seriesId: tenantCarModels.seriesId,
          nameZh: tenantCarModels.nameZh,
          year: tenantCarModels.year,
          fuel: tenantCarModels.fuel,
          priceFen: tenantCarModels.priceFen,
          own: sql<boolean>`true`.as('own'),
        })
        .from(tenantCarModels)
        .where(eq(tenantCarModels.tenantId, tenantId)),
    )
    .as('catalogue_models');
