import type * as m from './merge.queries.ts';

const blank = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);

/** Sets on `target` (through `patch`) the fields that are empty there and given here: never overwrites. */
export const fillEmpty = <T extends object>(current: T, patch: Partial<T>, incoming: Partial<T>) => {
  let changed = false;
  for (const [k, v] of Object.entries(incoming) as [keyof T, T[keyof T]][]) {
    if (blank(v) || !blank(patch[k] ?? current[k])) continue;
    patch[k] = v;
    changed = true;
  }
  return changed;
};

type Car = Partial<m.VehicleRow>;

/**
 * A file's car merged into one already known by its VIN (a car of this run, or a stored one): empty fields
 * filled through `target` (the new car's values, or a stored car's patch), nothing overwritten. Series and
 * model are filled only under the brand (and series) the car already has; a name is kept as text only where
 * the car has no catalogue entry for it, and the text kept for a name goes once the name is matched (the
 * tenant added it to the catalogue). Answers whether a field was filled.
 */
export const mergeCar = (values: Car, target: Car, incoming: Car): boolean => {
  const current = { ...values, ...target };
  const changed = fillEmpty(values, target, {
    ...incoming,
    seriesId: !current.brandId || current.brandId === incoming.brandId ? incoming.seriesId : null,
    modelId: !current.seriesId || current.seriesId === incoming.seriesId ? incoming.modelId : null,
    brandText: current.brandId ? null : incoming.brandText,
    seriesText: current.seriesId ? null : incoming.seriesText,
    modelText: current.modelId ? null : incoming.modelText,
  });
  for (const [id, text] of [
    ['brandId', 'brandText'],
    ['seriesId', 'seriesText'],
    ['modelId', 'modelText'],
  ] as const)
    if (target[id] && current[text] !== null && current[text] !== undefined) target[text] = null;
  return changed;
};
