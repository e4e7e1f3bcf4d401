import { and, eq } from 'drizzle-orm';
import type { CarModel, CarSeries } from '@m4s/contracts';
import { carModels, carSeries, staff, stores } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';
import { allBrands } from '../catalogue/catalogue.service.ts';

/** A name as DMS exports and people write it: case, spaces and the dot in "ID.4" do not matter. */
const key = (s: string) => s.toLowerCase().replace(/[\s·.\-_]/g, '');

/** Where a looked-up name went: its id, or the warning to report (the name is never dropped silently). */
export type Found = { id: string } | { warning: string } | null;

/**
 * The names a file may use for the tenant's stores and staff and for the global vehicle catalogue,
 * loaded once per run (a few hundred rows) so that rows are matched in memory.
 */
export type Lookups = {
  store: (text: string) => Found;
  staff: (text: string) => Found;
  car: (input: { brand: string | null; series: string | null; model: string | null; year: number | null }) => {
    brandId: string | null;
    seriesId: string | null;
    modelId: string | null;
    modelYear: number | null;
    warnings: { field: 'brand' | 'series' | 'model'; key: string }[];
  };
  importerStoreId: string | null;
};

const group = <T>(items: T[], keysOf: (item: T) => string[]) => {
  const map = new Map<string, T[]>();
  for (const item of items) for (const k of new Set(keysOf(item).map(key))) map.set(k, [...(map.get(k) ?? []), item]);
  return map;
};

const one = <T extends { id: string }>(hits: T[] | undefined, unknown: string, ambiguous: string): Found => {
  if (!hits || hits.length === 0) return { warning: unknown };
  return hits.length === 1 && hits[0] ? { id: hits[0].id } : { warning: ambiguous };
};

export const loadLookups = async (db: Tx, tenantId: string, importerId: string | null): Promise<Lookups> => {
  const storeRows = await db
    .select({ id: stores.id, code: stores.code, name: stores.name })
    .from(stores)
    .where(eq(stores.tenantId, tenantId));
  const staffRows = await db
    .select({ id: staff.id, login: staff.login, name: staff.name, storeId: staff.storeId })
    .from(staff)
    .where(and(eq(staff.tenantId, tenantId), eq(staff.status, 'active')));
  const brands = await allBrands(db);
  // The catalogue is global reference data: no tenant filter, by design (see schema/catalogue.ts).
  const series: CarSeries[] = await db.select().from(carSeries);
  const models: CarModel[] = await db.select().from(carModels);
  const storesByKey = group(storeRows, (s) => [s.code, s.name]);
  const staffByLogin = group(staffRows, (s) => [s.login]);
  const staffByName = group(staffRows, (s) => [s.name]);
  const brandsByKey = group(brands, (b) => [b.nameZh, b.nameEn, b.id]);
  const seriesByKey = group(series, (s) => [s.nameZh, s.nameEn, s.id]);
  const modelsBySeries = group(models, (m) => [m.seriesId]);

  const car: Lookups['car'] = (input) => {
    const warnings: ReturnType<Lookups['car']>['warnings'] = [];
    let brandId: string | null = null;
    if (input.brand) {
      // "一汽-大众", "上汽大众", "广汽丰田": the joint venture's prefix names the maker, not the brand.
      const plain = input.brand.replace(/^(一汽|上汽|广汽|东风|长安|北京|华晨|奇瑞|长城|江淮)[-－]?(?=.)/, '');
      brandId = (brandsByKey.get(key(input.brand)) ?? brandsByKey.get(key(plain)))?.[0]?.id ?? null;
    }
    let seriesId: string | null = null;
    if (input.series) {
      const hits = (seriesByKey.get(key(input.series)) ?? []).filter((s) => !brandId || s.brandId === brandId);
      const hit = hits.length === 1 ? hits[0] : undefined;
      if (hit) {
        seriesId = hit.id;
        brandId ??= hit.brandId;
      } else warnings.push({ field: 'series', key: 'import_series_unknown' });
    }
    if (input.brand && !brandId) warnings.unshift({ field: 'brand', key: 'import_brand_unknown' });
    let modelId: string | null = null;
    let modelYear = input.year;
    if (input.model) {
      // "2023款 1.5L 自动舒适版": the model year written before the trim.
      const m = /^(\d{4})\s*款\s*(.+)$/.exec(input.model.trim());
      const trim = key(m?.[2] ?? input.model);
      modelYear ??= m ? Number(m[1]) : null;
      const hits = seriesId ? (modelsBySeries.get(key(seriesId)) ?? []).filter((x) => key(x.nameZh) === trim) : [];
      const exact = hits.filter((x) => modelYear === null || x.year === modelYear);
      const hit = exact.length === 1 ? exact[0] : undefined;
      if (hit) {
        modelId = hit.id;
        modelYear ??= hit.year;
      } else warnings.push({ field: 'model', key: 'import_model_unknown' });
    }
    return { brandId, seriesId, modelId, modelYear, warnings };
  };

  return {
    store: (text) => one(storesByKey.get(key(text)), 'import_store_unknown', 'import_store_unknown'),
    staff: (text) =>
      staffByLogin.has(key(text))
        ? one(staffByLogin.get(key(text)), 'import_staff_unknown', 'import_staff_ambiguous')
        : one(staffByName.get(key(text)), 'import_staff_unknown', 'import_staff_ambiguous'),
    car,
    importerStoreId: staffRows.find((s) => s.id === importerId)?.storeId ?? null,
  };
};
