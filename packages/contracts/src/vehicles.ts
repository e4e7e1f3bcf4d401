import { z } from 'zod';
import { isoDay, mobilePhone, uuid } from './common.ts';
import { plate, vin } from './vehicle-id.ts';

const isoDate = isoDay;
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, { message: 'catalogue_id' });

export const mileageSources = ['check_in', 'owner', 'follow_up', 'import', 'telematics'] as const;

export const vehicleInput = z.strictObject({
  vin,
  plate: plate.nullable().default(null),
  brandId: slug.nullable().default(null),
  seriesId: slug.nullable().default(null),
  modelId: slug.nullable().default(null),
  modelYear: z.number().int().min(1990).max(2100).nullable().default(null),
  colour: z.string().trim().max(20).nullable().default(null),
  purchaseDate: isoDate.nullable().default(null),
  sellingStoreId: uuid.nullable().default(null),
  warrantyYears: z.number().int().min(0).max(20).nullable().default(null),
  warrantyKm: z.number().int().min(0).max(1_000_000).nullable().default(null),
  insurer: z.string().trim().max(40).nullable().default(null),
  insurancePolicyNo: z.string().trim().max(40).nullable().default(null),
  insuranceExpiry: isoDate.nullable().default(null),
  inspectionDue: isoDate.nullable().default(null),
  regularDrivers: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(40),
        phone: mobilePhone.nullable(),
        relation: z.string().trim().max(20).nullable(),
      }),
    )
    .max(5)
    .default([]),
  ownerId: uuid.nullable().default(null),
});
export type VehicleInput = z.input<typeof vehicleInput>;
export type VehicleData = z.output<typeof vehicleInput>;

export const mileageInput = z.strictObject({
  km: z.number().int().min(0).max(2_000_000),
  readAt: z.iso.datetime({ offset: true }).optional(),
  source: z.enum(mileageSources),
});
export type MileageInput = z.infer<typeof mileageInput>;

/** A person's answer to a flagged odometer value: it is right, it should read `km`, or it is to go. */
export const mileageFixInput = z.strictObject({
  /** What the flagged id names: a mileage reading, or a repair order's odometer. */
  kind: z.enum(['reading', 'repair_order']),
  action: z.enum(['accept', 'correct', 'discard']),
  km: z.number().int().min(0).max(2_000_000).optional(),
});
export type MileageFixInput = z.infer<typeof mileageFixInput>;
export const mileageFlagParams = z.object({ id: uuid, flagId: uuid });

export const transferInput = z.strictObject({ customerId: uuid, date: isoDate });

export const vehicle = z.object({
  id: uuid,
  vin: z.string(),
  plate: z.string().nullable(),
  brandId: z.string().nullable(),
  brandName: z.string().nullable(),
  seriesId: z.string().nullable(),
  seriesName: z.string().nullable(),
  modelId: z.string().nullable(),
  modelName: z.string().nullable(),
  modelYear: z.number().nullable(),
  colour: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  sellingStoreId: uuid.nullable(),
  insurer: z.string().nullable(),
  insurancePolicyNo: z.string().nullable(),
  insuranceExpiry: z.string().nullable(),
  inspectionDue: z.string().nullable(),
  regularDrivers: z.array(
    z.object({ name: z.string(), phone: z.string().nullable(), relation: z.string().nullable() }),
  ),
  ownerId: uuid.nullable(),
  /** Effective terms: the vehicle's override, else its brand's, else the platform default. */
  warranty: z.object({ years: z.number(), km: z.number().nullable(), endsOn: z.string().nullable() }),
  mileage: z.object({
    latestKm: z.number().nullable(),
    latestAt: z.string().nullable(),
    kmPerDay: z.number().nullable(),
    /**
     * Values kept aside for a person to fix (an import or DMS order whose odometer contradicts the trusted
     * series: below an earlier reading, or above a later one); they never feed the forecast.
     */
    flagged: z.array(
      z.object({
        /** The reading's id, or the repair order's (kind) — what the fix route names. */
        id: uuid,
        kind: z.enum(['reading', 'repair_order']),
        at: z.string(),
        km: z.number(),
        source: z.string(),
        reason: z.enum(['mileage_backwards', 'mileage_above_later']),
        repairOrderNumber: z.string().nullable(),
      }),
    ),
  }),
});
export type Vehicle = z.infer<typeof vehicle>;
export const vehicleList = z.object({ items: z.array(vehicle) });
