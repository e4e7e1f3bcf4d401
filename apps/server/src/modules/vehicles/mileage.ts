/** A reading of the odometer. */
export type Reading = { at: Date; km: number };

const dayMs = 86_400_000;

/**
 * Why a reading cannot join the car's trusted series: it is below a reading taken before it (or at the same
 * time), or above one taken after it (a backdated higher reading). Staff and API callers are refused with
 * the reason (400); imports keep the value aside, flagged with it, for a person to fix.
 */
export type MileageProblem = 'mileage_backwards' | 'mileage_above_later';

/** The one check every source passes: the trusted series must never go down with time. */
export const checkReading = (trusted: Reading[], candidate: Reading): MileageProblem | null => {
  const t = candidate.at.getTime();
  if (trusted.some((r) => r.at.getTime() <= t && r.km > candidate.km)) return 'mileage_backwards';
  if (trusted.some((r) => r.at.getTime() > t && r.km < candidate.km)) return 'mileage_above_later';
  return null;
};

/**
 * The platform's typical distance per day (about 14,600 km a year, a private car in China), used when
 * neither the car's readings nor its purchase say enough and its brand names none. A platform assumption,
 * not from the seeds: brands may set car_brands.typical_km_per_day.
 */
export const platformKmPerDay = 40;

/** The fit's window: the newest readings, none older than two years before the newest, over at least 30 days. */
export const paceWindow = { readings: 6, maxAgeDays: 730, minSpanDays: 30 } as const;

/**
 * Kilometres per day, in order: (1) the least-squares slope over the car's newest trusted readings (at most
 * six, within two years of the newest) when there are two or more spanning at least 30 days; (2) since the
 * purchase (a new car starts at 0 km) when the newest reading is at least 30 days after it; (3) the brand's
 * typical pace (`typical`) for a car whose purchase date is known — a car of unknown age gets no pace, so
 * no distance forecast and no extrapolated odometer. The SQL twin is segments/vehicle-sql.ts; docs/segments.md.
 */
export const kmPerDay = (
  readings: Reading[],
  purchaseDate: Date | null,
  typical: number | null = null,
): number | null => {
  // A repair order and the reading taken at its check-in are one value, not two (they would weigh twice).
  const seen = new Set<string>();
  const sorted = readings
    .filter((r) => {
      const key = `${r.at.getTime()}:${r.km}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const last = sorted.at(-1);
  const fallback = purchaseDate ? typical : null;
  if (!last) return fallback;
  const window = sorted
    .filter((r) => last.at.getTime() - r.at.getTime() <= paceWindow.maxAgeDays * dayMs)
    .slice(-paceWindow.readings);
  const first = window[0];
  if (first && (last.at.getTime() - first.at.getTime()) / dayMs >= paceWindow.minSpanDays) {
    const xs = window.map((r) => (r.at.getTime() - first.at.getTime()) / dayMs);
    const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
    const my = window.reduce((s, r) => s + r.km, 0) / window.length;
    const sxy = window.reduce((s, r, i) => s + ((xs[i] as number) - mx) * (r.km - my), 0);
    const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    return round1(sxy / sxx);
  }
  if (purchaseDate) {
    const days = (last.at.getTime() - purchaseDate.getTime()) / dayMs;
    if (days >= paceWindow.minSpanDays) return round1(last.km / days);
  }
  return fallback;
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
