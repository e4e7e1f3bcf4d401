/** A reading of the odometer. */
export type Reading = { at: Date; km: number };

const dayMs = 86_400_000;

/**
 * Kilometres per day: over the readings' span when it is at least a week, else since purchase (a new car
 * starts at 0 km). Null when nothing says enough — a forecast from noise is worse than none.
 */
export const kmPerDay = (readings: Reading[], purchaseDate: Date | null): number | null => {
  const sorted = [...readings].sort((a, b) => a.at.getTime() - b.at.getTime());
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!last) return null;
  if (first && last !== first) {
    const days = (last.at.getTime() - first.at.getTime()) / dayMs;
    if (days >= 7) return round1((last.km - first.km) / days);
  }
  if (purchaseDate) {
    const days = (last.at.getTime() - purchaseDate.getTime()) / dayMs;
    if (days >= 7) return round1(last.km / days);
  }
  return null;
};

const round1 = (n: number) => Math.round(Math.max(0, n) * 10) / 10;

/** The date the warranty ends by time (the distance limit is checked against mileage separately). */
export const warrantyEndsOn = (purchaseDate: string | null, years: number): string | null => {
  if (!purchaseDate) return null;
  const d = new Date(`${purchaseDate}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
};

/**
 * The warranty terms that apply: the car's own override, else its brand's, else the platform default.
 * A car overriding only the years keeps the default distance; a brand with no distance limit has km null.
 */
export const effectiveWarranty = (
  car: { warrantyYears: number | null; warrantyKm: number | null; purchaseDate: string | null },
  brand: { warrantyYears: number | null; warrantyKm: number | null },
  fallback: { years: number; km: number },
) => {
  const years = car.warrantyYears ?? brand.warrantyYears ?? fallback.years;
  const km =
    car.warrantyKm ?? (car.warrantyYears === null && brand.warrantyYears !== null ? brand.warrantyKm : fallback.km);
  return { years, km, endsOn: warrantyEndsOn(car.purchaseDate, years) };
};
