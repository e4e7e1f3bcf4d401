import { catalogueFields, type UnlistedValue } from '@m4s/contracts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { catalogueOf } from '../catalogue/catalogue.service.ts';
import { carMatcher, type CatalogueField } from './lookups.ts';
import { mergeUnlisted, textContexts, unlistedOf } from './unlisted.queries.ts';

export { mergeUnlisted };

/** Most values a list shows (the import keeps at most unlisted.queries.ts's cap). */
const listLimit = 500;

const isField = (s: string): s is CatalogueField => (catalogueFields as readonly string[]).includes(s);

/**
 * An import's catalogue values that matched nothing (docs/imports.md): each once, with the rows that used
 * it, most used first; the brand/series the cars carrying it have (to add it where it belongs), and whether
 * the catalogue now knows it (the tenant added it: importing the file again matches the cars).
 */
export const listUnlisted = async (ctx: StaffCtx, importId: string): Promise<{ items: UnlistedValue[] }> => {
  const counts = await unlistedOf(ctx.sql, ctx.tenantId, importId);
  if (counts === null) throw new AppError('NOT_FOUND');
  const entries = Object.entries(counts)
    .map(([k, rows]) => {
      const [field = '', text = ''] = k.split('\u0001');
      return { field, text, rows };
    })
    .filter((e): e is { field: CatalogueField; text: string; rows: number } => isField(e.field) && e.text !== '')
    .sort(
      (a, b) =>
        b.rows - a.rows ||
        catalogueFields.indexOf(a.field) - catalogueFields.indexOf(b.field) ||
        a.text.localeCompare(b.text, 'zh-CN'),
    )
    .slice(0, listLimit);
  if (entries.length === 0) return { items: [] };
  const contexts = await textContexts(ctx.sql, ctx.tenantId);
  const { brands, series, models } = await catalogueOf(ctx.db);
  const match = carMatcher(brands, series, models);
  return {
    items: entries.map((e) => {
      const where = contexts.find((c) => c.field === e.field && c.text === e.text);
      const brandId = where?.brand_id ?? null;
      const seriesId = e.field === 'model' ? (where?.series_id ?? null) : null;
      const input = {
        brand: e.field === 'brand' ? e.text : brandId,
        series: e.field === 'series' ? e.text : seriesId,
        model: e.field === 'model' ? e.text : null,
        year: null,
      };
      const listed = !match(input).unlisted.some((u) => u.field === e.field);
      return { ...e, brandId, seriesId, listed };
    }),
  };
};
