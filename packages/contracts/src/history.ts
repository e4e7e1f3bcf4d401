import { z } from 'zod';
import { isoDay, uuid } from './common.ts';

const isoDate = isoDay;
const fen = z.number().int().min(0).max(1e12);

export const repairOrderTypes = ['maintenance', 'general_repair', 'accident', 'warranty_claim', 'campaign'] as const;
/**
 * The work a repair order line did (docs/segments.md): only `maintenance` lines move the next service. Given
 * explicitly by staff, the API or an import, else classified from the description by one keyword table
 * (app_work_kind, migration 0025).
 */
export const workKinds = ['maintenance', 'repair', 'inspection', 'accessory', 'other'] as const;
export type WorkKind = (typeof workKinds)[number];
export const interactionChannels = ['phone', 'visit', 'sms', 'app', 'email', 'wechat', 'other'] as const;

export const repairLineInput = z.strictObject({
  kind: z.enum(['labour', 'part']),
  description: z.string().trim().min(1).max(120),
  partNo: z.string().trim().max(40).nullable().default(null),
  quantity: z.number().positive().max(10_000).default(1),
  labourHours: z.number().min(0).max(500).nullable().default(null),
  amountFen: fen,
  costFen: fen.default(0),
  /** Omitted: classified from the description. */
  work: z.enum(workKinds).nullable().default(null),
});

/** A past repair order entered or imported; totals are computed from the lines, never taken as given. */
export const repairOrderInput = z
  .strictObject({
    number: z.string().trim().min(1).max(40),
    vehicleId: uuid,
    storeId: uuid.nullable().default(null),
    type: z.enum(repairOrderTypes),
    dateIn: z.iso.datetime({ offset: true }),
    dateOut: z.iso.datetime({ offset: true }).nullable().default(null),
    mileageKm: z.number().int().min(0).max(2_000_000).nullable().default(null),
    advisorId: uuid.nullable().default(null),
    technician: z.string().trim().max(40).nullable().default(null),
    lines: z.array(repairLineInput).min(1).max(200),
  })
  .refine((r) => r.dateOut === null || r.dateOut >= r.dateIn, { message: 'date_order', path: ['dateOut'] });
export type RepairOrderInput = z.input<typeof repairOrderInput>;

export const repairOrder = z.object({
  id: uuid,
  number: z.string(),
  vehicleId: uuid,
  customerId: uuid,
  storeId: uuid.nullable(),
  type: z.enum(repairOrderTypes),
  dateIn: z.string(),
  dateOut: z.string().nullable(),
  mileageKm: z.number().nullable(),
  advisorId: uuid.nullable(),
  /** The advisor as an imported file named them when no staff member matched (null with advisorId). */
  advisorName: z.string().nullable(),
  technician: z.string().nullable(),
  labourFen: z.number(),
  partsFen: z.number(),
  totalFen: z.number(),
  partsCostFen: z.number(),
  lines: z.array(
    z.object({
      kind: z.enum(['labour', 'part']),
      description: z.string(),
      partNo: z.string().nullable(),
      quantity: z.number(),
      labourHours: z.number().nullable(),
      amountFen: z.number(),
      costFen: z.number(),
      work: z.enum(workKinds),
    }),
  ),
});
export type RepairOrder = z.infer<typeof repairOrder>;

export const salesOrderInput = z.strictObject({
  vehicleId: uuid.nullable().default(null),
  storeId: uuid.nullable().default(null),
  consultantId: uuid.nullable().default(null),
  orderDate: isoDate,
  deliveryDate: isoDate.nullable().default(null),
  /** The moment of the hand-over when it is known (the 2-hour care call counts from it). */
  deliveredAt: z.iso.datetime({ offset: true }).nullable().default(null),
  priceFen: fen,
});
export const salesOrder = z.object({
  id: uuid,
  customerId: uuid,
  vehicleId: uuid.nullable(),
  storeId: uuid.nullable(),
  consultantId: uuid.nullable(),
  /** The consultant as an imported file named them when no staff member matched (null with consultantId). */
  consultantName: z.string().nullable(),
  orderDate: z.string(),
  deliveryDate: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  priceFen: z.number(),
});

export const interactionInput = z.strictObject({
  channel: z.enum(interactionChannels),
  summary: z.string().trim().min(1).max(2000),
  promise: z.string().trim().max(500).nullable().default(null),
  at: z.iso.datetime({ offset: true }).optional(),
});
export const interaction = z.object({
  id: uuid,
  at: z.string(),
  staffId: uuid.nullable(),
  channel: z.enum(interactionChannels),
  summary: z.string(),
  promise: z.string().nullable(),
  source: z.string(),
});
export const consentEntry = z.object({ subject: z.string(), granted: z.boolean(), via: z.string(), at: z.string() });
