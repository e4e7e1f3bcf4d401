import { z } from 'zod';
import { uuid } from './common.ts';
import { repairOrderTypes } from './history.ts';

/** 'ended': the car changed owner after the binding was confirmed (issue 13); kept as history. */
export const bindingStatuses = ['pending', 'confirmed', 'rejected', 'ended'] as const;
export type BindingStatus = (typeof bindingStatuses)[number];

/** The owner app's claim on a car: the VIN's last six characters and the plate, as on the 行驶证. */
export const bindingRequest = z.strictObject({
  vinLast6: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-HJ-NPR-Z0-9]{6}$/, { message: 'vin_last6' }),
  plate: z.string().trim().min(2).max(10),
});
export type BindingRequest = z.infer<typeof bindingRequest>;

export const bindingDecision = z.strictObject({
  decision: z.enum(['confirmed', 'rejected']),
  reason: z.string().trim().max(200).nullable().default(null),
});
export type BindingDecision = z.infer<typeof bindingDecision>;

// ── Owner app: 我的车辆 and 维修档案 ───────────────────────────────────────────────────────────────────

export const bindingIdParams = z.strictObject({ bindingId: uuid });
export const vehicleIdParams = z.strictObject({ vehicleId: uuid });

/** When the next maintenance is due: the earlier of the time and the distance since the basis visit. */
export const nextServiceDue = z.object({
  dueOn: z.string(),
  dueKm: z.number().nullable(),
  /** Which limit comes first: the months since the basis, or the kilometres at the car's pace. */
  dueBy: z.enum(['time', 'km']),
  basis: z.enum(['last_maintenance', 'purchase']),
  basisOn: z.string(),
  basisKm: z.number().nullable(),
});
export type NextServiceDue = z.infer<typeof nextServiceDue>;

/** A car as its confirmed owner sees it: no dealer-internal fields, the VIN masked but for its last six. */
export const ownerVehicle = z.object({
  bindingId: uuid,
  vehicleId: uuid,
  plate: z.string().nullable(),
  vinMasked: z.string(),
  brandName: z.string().nullable(),
  seriesName: z.string().nullable(),
  modelName: z.string().nullable(),
  modelYear: z.number().nullable(),
  colour: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  latestKm: z.number().nullable(),
  latestKmAt: z.string().nullable(),
  warranty: z.object({ years: z.number(), km: z.number().nullable(), endsOn: z.string().nullable() }),
  insurer: z.string().nullable(),
  insuranceExpiry: z.string().nullable(),
  inspectionDue: z.string().nullable(),
  nextService: nextServiceDue.nullable(),
  /**
   * The next service's day has passed (months, or kilometres at the car's estimated pace): nextService.dueOn
   * is then the day it fell due, not a forecast — shown as 已逾期.
   */
  serviceOverdue: z.boolean(),
  confirmedAt: z.string().nullable(),
});
export type OwnerVehicle = z.infer<typeof ownerVehicle>;

/** A request not (yet) confirmed, as the owner sees it: what they typed matched this car. */
export const ownerBinding = z.object({
  id: uuid,
  status: z.enum(bindingStatuses),
  plate: z.string().nullable(),
  vinLast6: z.string(),
  brandName: z.string().nullable(),
  seriesName: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type OwnerBinding = z.infer<typeof ownerBinding>;

export const ownerGarage = z.object({ vehicles: z.array(ownerVehicle), requests: z.array(ownerBinding) });
export type OwnerGarage = z.infer<typeof ownerGarage>;

/** One workshop visit in the owner's 维修档案: amounts the owner paid, never the dealer's parts cost. */
export const ownerVisit = z.object({
  id: uuid,
  number: z.string(),
  type: z.enum(repairOrderTypes),
  dateIn: z.string(),
  dateOut: z.string().nullable(),
  mileageKm: z.number().nullable(),
  storeName: z.string().nullable(),
  advisorName: z.string().nullable(),
  labourFen: z.number(),
  partsFen: z.number(),
  totalFen: z.number(),
  lines: z.array(
    z.object({
      kind: z.enum(['labour', 'part']),
      description: z.string(),
      quantity: z.number(),
      labourHours: z.number().nullable(),
      amountFen: z.number(),
    }),
  ),
});
export type OwnerVisit = z.infer<typeof ownerVisit>;

export const ownerVehicleHistory = z.object({ vehicle: ownerVehicle, visits: z.array(ownerVisit) });
export type OwnerVehicleHistory = z.infer<typeof ownerVehicleHistory>;

// ── Staff: 车辆绑定审核 ────────────────────────────────────────────────────────────────────────────────

export const bindingListQuery = z.strictObject({ status: z.enum(bindingStatuses).default('pending') });

export const staffBinding = z.object({
  id: uuid,
  status: z.enum(bindingStatuses),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  reason: z.string().nullable(),
  owner: z.object({ id: uuid, name: z.string().nullable(), phone: z.string(), phoneMasked: z.boolean() }),
  vehicle: z.object({
    id: uuid,
    vin: z.string(),
    plate: z.string().nullable(),
    brandName: z.string().nullable(),
    seriesName: z.string().nullable(),
    modelName: z.string().nullable(),
  }),
  customer: z.object({ id: uuid, name: z.string() }).nullable(),
  /** The app account's phone is one of the car's customer's phones: a strong hint, never an automatic yes. */
  phoneMatchesCustomer: z.boolean(),
});
export type StaffBinding = z.infer<typeof staffBinding>;
export const staffBindingList = z.object({ items: z.array(staffBinding) });
