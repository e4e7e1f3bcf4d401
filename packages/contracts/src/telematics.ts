import { z } from 'zod';
import { uuid } from './common.ts';
import type { Locale } from './errors.ts';

/**
 * Connected cars (车联网, PRODUCT §10; docs/telematics.md): readings sent by a telematics / OBD provider
 * through its integration's API key, for the cars whose owner consented in the owner app.
 */

/** The ingest API's limits: a batch over `batchReadings` is refused whole (400); the rest is per reading. */
export const telematicsLimits = {
  batchReadings: 500,
  faultCodesPerReading: 20,
  /** A reading stamped more than this ahead of the server's clock is refused (clock skew allowed for). */
  futureToleranceSeconds: 300,
  /** Batches a minute per client address (serve()'s rate limit). */
  batchesPerMinute: 600,
} as const;

/** The header that carries the integration's key: `m4st.<tenant id>.<secret>` (answered once, at creation). */
export const integrationKeyHeader = 'x-m4s-integration-key';

/** One reading as the provider sends it. Only `id`, `vin` and `at` are required; the rest is what the car had. */
export const telematicsReading = z.strictObject({
  /** The provider's own id of the reading: sending it again is a duplicate, never a second reading. */
  id: z.string().trim().min(1).max(100),
  vin: z.string().trim().toUpperCase().min(1).max(40),
  at: z.iso.datetime({ offset: true }),
  odometerKm: z.number().int().min(0).max(2_000_000).nullable().optional(),
  /** OBD-II trouble codes (P/C/B/U and four hex digits). */
  faultCodes: z
    .array(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[PCBU][0-9A-F]{4}$/, { message: 'fault_code' }),
    )
    .max(telematicsLimits.faultCodesPerReading)
    .default([]),
  batteryVoltage: z.number().min(0).max(60).nullable().optional(),
  /** Fuel level, or the charge level of an electric car, in percent. */
  fuelPct: z.number().min(0).max(100).nullable().optional(),
  chargePct: z.number().min(0).max(100).nullable().optional(),
});
export type TelematicsReading = z.output<typeof telematicsReading>;

export const telematicsBatch = z.strictObject({
  readings: z.array(telematicsReading).min(1).max(telematicsLimits.batchReadings),
});
export type TelematicsBatch = z.input<typeof telematicsBatch>;

export const telematicsIngestHeaders = z.object({ [integrationKeyHeader]: z.string().max(200).optional() });

/** Why one reading of a batch was not taken (the others are). */
export const telematicsRefusals = [
  'unknown_vin',
  'no_consent',
  'future_time',
  'mileage_backwards',
  'mileage_above_later',
] as const;
export type TelematicsRefusal = (typeof telematicsRefusals)[number];

export const telematicsRefusalMessages: Record<Locale, Record<TelematicsRefusal, string>> = {
  'zh-CN': {
    unknown_vin: '车架号不是本集团的车辆',
    no_consent: '车主未授权共享车辆数据',
    future_time: '读数时间晚于当前时间',
    mileage_backwards: '里程低于更早的读数',
    mileage_above_later: '里程高于更晚的读数',
  },
  en: {
    unknown_vin: 'The VIN is not a car of this dealer group',
    no_consent: 'The owner has not consented to sharing the car’s data',
    future_time: 'The reading is stamped in the future',
    mileage_backwards: 'The odometer is below an earlier reading',
    mileage_above_later: 'The odometer is above a later reading',
  },
};

export const telematicsIngestResult = z.object({
  accepted: z.array(z.string()),
  /** Already received from this integration (or twice in the batch): nothing new was written. */
  duplicates: z.array(z.string()),
  refused: z.array(z.object({ id: z.string(), reason: z.enum(telematicsRefusals), message: z.string() })),
});
export type TelematicsIngestResult = z.infer<typeof telematicsIngestResult>;

/** A provider's integration as the admin sees it: never its key, only the key's first characters. */
export const telematicsIntegration = z.object({
  id: uuid,
  name: z.string(),
  provider: z.string(),
  keyPrefix: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  readings: z.number().int(),
});
export type TelematicsIntegration = z.infer<typeof telematicsIntegration>;

export const telematicsIntegrationInput = z.strictObject({
  name: z.string().trim().min(1).max(60),
  provider: z.string().trim().min(1).max(60),
});
export type TelematicsIntegrationInput = z.input<typeof telematicsIntegrationInput>;

/** The answer to a creation: the only time the key is shown. */
export const telematicsIntegrationWithKey = z.object({ integration: telematicsIntegration, key: z.string() });
export type TelematicsIntegrationWithKey = z.infer<typeof telematicsIntegrationWithKey>;

/** What a consent shares (the owner app lists them). */
export const telematicsSharedData = ['odometer', 'fault_codes', 'battery', 'energy'] as const;
export type TelematicsSharedData = (typeof telematicsSharedData)[number];

export const faultCodeView = z.object({ code: z.string(), meaning: z.string().nullable() });

export const telematicsLatest = z.object({
  at: z.string(),
  odometerKm: z.number().nullable(),
  batteryVoltage: z.number().nullable(),
  fuelPct: z.number().nullable(),
  chargePct: z.number().nullable(),
  faultCodes: z.array(faultCodeView),
});

/** The owner app's 车联网 section of a car: what is shared, with whom, since when, and the latest reading. */
export const ownerCarTelematics = z.object({
  vehicleId: uuid,
  consent: z.object({ givenAt: z.string() }).nullable(),
  shares: z.array(z.enum(telematicsSharedData)),
  /** With whom: the dealer group, and the providers whose integrations send readings. */
  dealerName: z.string(),
  providers: z.array(z.object({ name: z.string(), provider: z.string() })),
  latest: telematicsLatest.nullable(),
});
export type OwnerCarTelematics = z.infer<typeof ownerCarTelematics>;

/**
 * The rules a reading can trigger (docs/telematics.md), tunable per tenant: a battery below `batteryLowVolts`
 * → the message 电池电量低，建议到店检测 (topic maintenance); a fault code → an advisor's call task with the
 * code's meaning. The same condition of a car is not raised again within its window.
 */
export const telematicsRules = z.strictObject({
  batteryLowVolts: z.number().min(9).max(14),
  batteryWindowDays: z.number().int().min(1).max(90),
  faultWindowDays: z.number().int().min(1).max(180),
});
export type TelematicsRules = z.infer<typeof telematicsRules>;
export const defaultTelematicsRules: TelematicsRules = {
  batteryLowVolts: 11.8,
  batteryWindowDays: 7,
  faultWindowDays: 30,
};

/** A car whose owner consented (the admin's list, and what the simulator feeds): its newest trusted odometer. */
export const telematicsCar = z.object({
  vehicleId: uuid,
  vin: z.string(),
  plate: z.string().nullable(),
  consentSince: z.string(),
  /** The newest trusted odometer (readings and repair orders, flagged values aside) and when it was read. */
  latestKm: z.number().nullable(),
  latestKmAt: z.string().nullable(),
  lastReadingAt: z.string().nullable(),
});
export type TelematicsCar = z.infer<typeof telematicsCar>;
