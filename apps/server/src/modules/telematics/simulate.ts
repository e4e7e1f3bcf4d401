import type { TelematicsBatch } from '@m4s/contracts';

/**
 * Readings a connected car might send (the demo seed and the simulator, docs/telematics.md): every
 * `everyHours` over the last `hours`, the odometer moving on from the car's newest trusted value at the car's
 * own pace, a healthy battery and a fuel level — except the cars named in `batteryLow` (a weak battery) and
 * `faults` (trouble codes). Reading ids are the VIN and the instant, so sending the same window twice is a
 * duplicate, never a second reading.
 */
export type SimulatedCar = { vin: string; latestKm: number | null; latestKmAt: Date | null };

type Reading = TelematicsBatch['readings'][number];

const dayMs = 86_400_000;

/** A stable number in [0, 1) from a string (the same car always drives at the same pace). */
const unit = (text: string) => {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) / 2 ** 32;
};

export const simulateReadings = (
  cars: readonly SimulatedCar[],
  options: {
    now: Date;
    hours: number;
    everyHours: number;
    batteryLow?: ReadonlySet<string>;
    faults?: ReadonlyMap<string, readonly string[]>;
  },
): Reading[] => {
  const out: Reading[] = [];
  const step = options.everyHours * 3_600_000;
  const end = Math.floor(options.now.getTime() / step) * step;
  const start = end - options.hours * 3_600_000;
  for (const car of cars) {
    const pace = 20 + Math.round(unit(car.vin) * 40); // km a day
    const baseAt = car.latestKmAt?.getTime() ?? start;
    const baseKm = car.latestKm ?? Math.round(unit(`${car.vin}:km`) * 30_000);
    const electric = unit(`${car.vin}:ev`) < 0.15;
    for (let t = Math.max(start, Math.ceil(baseAt / step) * step); t <= end; t += step) {
      const last = t === end;
      const km = baseKm + Math.round((pace * Math.max(0, t - baseAt)) / dayMs);
      const level = Math.round(30 + unit(`${car.vin}:${t}`) * 60);
      out.push({
        id: `${car.vin}-${new Date(t).toISOString()}`,
        vin: car.vin,
        at: new Date(t).toISOString(),
        odometerKm: km,
        batteryVoltage:
          last && options.batteryLow?.has(car.vin)
            ? 11.4
            : Math.round((12.3 + unit(`${car.vin}:v${t}`) * 0.5) * 10) / 10,
        ...(electric ? { chargePct: level } : { fuelPct: level }),
        faultCodes: last ? [...(options.faults?.get(car.vin) ?? [])] : [],
      });
    }
  }
  return out;
};
