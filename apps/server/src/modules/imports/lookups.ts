import { and, eq } from 'drizzle-orm';
import type { CarBrand, CarModel, CarSeries } from '@m4s/contracts';
import { staff, stores } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';
import { tenantZone } from '../../platform/time/tenant-zone.ts';
import { catalogueOf } from '../catalogue/catalogue.service.ts';

/** A name as DMS exports and people write it: case, spaces and the dot in "ID.4" do not matter. */
const key = (s: string) => s.toLowerCase().replace(/[\s·.\-_]/g, '');

/** Where a looked-up name went: its id, or the warning to report (the name is never dropped silently). */
export type Found = { id: string } | { warning: string } | null;

export type CatalogueField = 'brand' | 'series' | 'model';

/** A catalogue value the file named that matched nothing: kept as text on the car, listed once per import. */
export type Unlisted = { field: CatalogueField; text: string };

export type CarInput = { brand: string | null; series: string | null; model: string | null; year: number | null };

export type CarMatch = {
  brandId: string | null;
  seriesId: string | null;
  modelId: string | null;
  modelYear: number | null;
  /** Kept for the callers written before `unlisted`: catalogue values are no longer per-row warnings. */
  warnings: { field: CatalogueField; key: string }[];
  /** Values that matched nothing, as the file wrote them (tidied): the car keeps them as text. */
  unlisted: Unlisted[];
};

/**
 * The names a file may use for the tenant's stores and staff and for the vehicle catalogue (the global
 * one and the tenant's own additions), loaded once per run (a few hundred rows) so rows are matched in memory.
 */
export type Lookups = {
  store: (text: string) => Found;
  staff: (text: string) => Found;
  car: (input: CarInput) => CarMatch;
  importerStoreId: string | null;
  /** The tenant's zone: a file's dates and times are its local wall clock. */
  timezone: string;
};

/** A car's unlisted values as its columns vehicles.brand_text / series_text / model_text (NULL where matched). */
export const unlistedTexts = (unlisted: Unlisted[]) => ({
  brandText: unlisted.find((u) => u.field === 'brand')?.text ?? null,
  seriesText: unlisted.find((u) => u.field === 'series')?.text ?? null,
  modelText: unlisted.find((u) => u.field === 'model')?.text ?? null,
});

const group = <T>(items: T[], keysOf: (item: T) => string[]) => {
  const map = new Map<string, T[]>();
  for (const item of items) for (const k of new Set(keysOf(item).map(key))) map.set(k, [...(map.get(k) ?? []), item]);
  return map;
};

const one = <T extends { id: string }>(hits: T[] | undefined, unknown: string, ambiguous: string): Found => {
  if (!hits || hits.length === 0) return { warning: unknown };
  return hits.length === 1 && hits[0] ? { id: hits[0].id } : { warning: ambiguous };
};

/** The one item of a list, or undefined when there are none or several. */
const single = <T>(items: T[]): T | undefined => (items.length === 1 ? items[0] : undefined);

/** What follows a series name to say its powertrain (汉EV, 秦PLUS DM-i): the series, not a trim. */
const powertrains = new Set([
  'ev',
  'dmi',
  'dmp',
  'phev',
  'hev',
  'erev',
  'emp',
  'idd',
  '纯电',
  '插混',
  '混动',
  '增程',
  '双擎',
]);

/** Sub-brands and makers' names a file may write for a catalogue brand (吉利银河 is sold as 吉利). */
const brandAliases: Record<string, string> = {
  吉利银河: 'geely',
  银河: 'geely',
  东风日产: 'nissan',
  特斯拉中国: 'tesla',
};

/**
 * Matches a car's brand, series and model texts against the catalogue. Files mix the levels up, so:
 * a series text may carry a trim after the series name (汉EV, 秦PLUS DM-i, 朗逸 1.5L 自动满逸版) or be a
 * trim of its own (then its series is the trim's); a model text may be a series name (车型 = 朗逸, Model Y)
 * or a series name and a trim. What matches nothing is returned in `unlisted`, never dropped.
 */
export const carMatcher = (brands: CarBrand[], series: CarSeries[], models: CarModel[]) => {
  const brandsByKey = group(brands, (b) => [b.nameZh, b.nameEn, b.id]);
  const seriesByKey = group(series, (s) => [s.nameZh, s.nameEn, s.id]);
  const seriesById = new Map(series.map((s) => [s.id, s]));
  const modelsBySeries = group(models, (m) => [m.seriesId]);
  const modelsByTrim = group(models, (m) => [m.nameZh]);
  // Longest names first: "汉兰达" is tried before "汉", "秦PLUS" before "秦".
  const seriesNames = series
    .flatMap((s) => [s.nameZh, s.nameEn].map((n) => ({ k: key(n), s })))
    .filter((x) => x.k.length > 0)
    .sort((a, b) => b.k.length - a.k.length);

  const brandOf = (text: string) => {
    // "一汽-大众", "上汽大众", "广汽丰田": the joint venture's prefix names the maker, not the brand.
    const plain = text.replace(/^(一汽|上汽|广汽|东风|长安|北京|华晨|奇瑞|长城|江淮)[-－]?(?=.)/, '');
    const noSuffix = text.replace(/(汽车|中国)$/, '');
    for (const t of [text, plain, noSuffix]) {
      const hit = brandsByKey.get(key(t))?.[0] ?? brands.find((b) => b.id === brandAliases[t]);
      if (hit) return hit.id;
    }
    return null;
  };
  const inBrand = (brandId: string | null) => (s: CarSeries) => !brandId || s.brandId === brandId;

  /** A series by its exact name, within the brand when there is one; unique or nothing. */
  const seriesNamed = (text: string, brandId: string | null) =>
    single((seriesByKey.get(key(text)) ?? []).filter(inBrand(brandId)));

  /** A series whose name starts the text ("汉EV" → 汉, rest "EV"): the longest name, unique or nothing. */
  const seriesStarting = (text: string, brandId: string | null) => {
    const k = key(text);
    const hits = seriesNames.filter((x) => k.startsWith(x.k) && k.length > x.k.length && inBrand(brandId)(x.s));
    const longest = hits.filter((x) => x.k.length === hits[0]?.k.length);
    const distinct = [...new Map(longest.map((x) => [x.s.id, x.s])).values()];
    const hit = single(distinct);
    if (!hit || !hits[0]) return undefined;
    // The rest of the text, as written: skip as many key characters as the series name has.
    let seen = 0;
    let cut = 0;
    while (cut < text.length && seen < hits[0].k.length) {
      if (key(text.charAt(cut)) !== '') seen += 1;
      cut += 1;
    }
    return { series: hit, rest: text.slice(cut).trim() };
  };

  /** The model year written before the trim ("2023款 1.5L 自动舒适版") and the trim. */
  const splitYear = (text: string) => {
    const m = /^(\d{4})\s*款\s*(.+)$/.exec(text.trim());
    return { year: m ? Number(m[1]) : null, trim: (m?.[2] ?? text).trim() };
  };

  /** Trims of a series (or of every series of the brand, when none) named by the text. */
  const trimsNamed = (trim: string, seriesId: string | null, brandId: string | null, year: number | null) => {
    const pool = seriesId
      ? (modelsBySeries.get(key(seriesId)) ?? [])
      : (modelsByTrim.get(key(trim)) ?? []).filter((m) => {
          const s = seriesById.get(m.seriesId);
          return s !== undefined && inBrand(brandId)(s);
        });
    const named = pool.filter((m) => key(m.nameZh) === key(trim));
    return named.filter((m) => year === null || m.year === year);
  };

  return (input: CarInput): CarMatch => {
    const unlisted: Unlisted[] = [];
    let brandId = input.brand ? brandOf(input.brand) : null;
    let seriesId: string | null = null;
    let modelYear = input.year;
    // A trim found on the way (in the series column, or after the series name).
    let trimText: string | null = null;
    const setSeries = (s: CarSeries) => {
      seriesId = s.id;
      brandId ??= s.brandId;
    };

    if (input.series) {
      const exact = seriesNamed(input.series, brandId);
      // A series name then its powertrain or one of its trims; anything else ("海豹07") is another series.
      const starting = exact ? undefined : seriesStarting(input.series, brandId);
      const carriesSeries =
        starting &&
        (powertrains.has(key(starting.rest)) ||
          trimsNamed(splitYear(starting.rest).trim, starting.series.id, null, null).length > 0);
      if (exact) setSeries(exact);
      else if (starting && carriesSeries) {
        setSeries(starting.series);
        trimText = powertrains.has(key(starting.rest)) ? null : starting.rest;
      } else {
        // A trim written in the series column: its series is the trim's.
        const { year, trim } = splitYear(input.series);
        const trims = trimsNamed(trim, null, brandId, year ?? modelYear);
        const seriesOfTrims = [...new Set(trims.map((m) => m.seriesId))];
        const s = seriesOfTrims.length === 1 && seriesOfTrims[0] ? seriesById.get(seriesOfTrims[0]) : undefined;
        if (s) {
          setSeries(s);
          trimText = input.series;
        } else unlisted.push({ field: 'series', text: input.series });
      }
    }

    let modelId: string | null = null;
    let modelText = input.model;
    if (modelText) {
      // A model column holding a series name (车型 = 朗逸 / Model Y), or a series name then a trim.
      const asSeries = seriesNamed(modelText, brandId);
      const starting = asSeries ? undefined : seriesStarting(modelText, brandId);
      const fits = (s: CarSeries) => seriesId === null || seriesId === s.id;
      if (asSeries && fits(asSeries)) {
        setSeries(asSeries);
        modelText = null;
      } else if (
        starting &&
        fits(starting.series) &&
        trimsNamed(splitYear(starting.rest).trim, starting.series.id, null, null).length > 0
      ) {
        setSeries(starting.series);
        modelText = starting.rest;
      } else if (starting && fits(starting.series) && powertrains.has(key(starting.rest))) {
        // "汉EV", "秦PLUS DM-i" in the model column: the series and its powertrain, not a trim.
        setSeries(starting.series);
        modelText = null;
      }
    }
    const trimSource = modelText ?? trimText;
    if (trimSource) {
      const { year, trim } = splitYear(trimSource);
      modelYear ??= year;
      const hit = single(trimsNamed(trim, seriesId, brandId, modelYear));
      if (hit) {
        modelId = hit.id;
        modelYear ??= hit.year;
        const s = seriesById.get(hit.seriesId);
        if (s && seriesId === null) setSeries(s);
      } else if (modelText) unlisted.push({ field: 'model', text: input.model ?? modelText });
    }
    if (input.brand && !brandId) unlisted.unshift({ field: 'brand', text: input.brand });
    return { brandId, seriesId, modelId, modelYear, warnings: [], unlisted };
  };
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
  // The catalogue as the tenant sees it: the global rows and its own additions (catalogue_* views).
  const { brands, series, models } = await catalogueOf(db);
  const storesByKey = group(storeRows, (s) => [s.code, s.name]);
  const staffByLogin = group(staffRows, (s) => [s.login]);
  const staffByName = group(staffRows, (s) => [s.name]);
  const car = carMatcher(brands, series, models);

  return {
    store: (text) => one(storesByKey.get(key(text)), 'import_store_unknown', 'import_store_unknown'),
    staff: (text) =>
      staffByLogin.has(key(text))
        ? one(staffByLogin.get(key(text)), 'import_staff_unknown', 'import_staff_ambiguous')
        : one(staffByName.get(key(text)), 'import_staff_unknown', 'import_staff_ambiguous'),
    car,
    importerStoreId: staffRows.find((s) => s.id === importerId)?.storeId ?? null,
    timezone: await tenantZone({ db, tenantId }),
  };
};
