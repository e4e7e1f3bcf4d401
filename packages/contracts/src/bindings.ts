import { z } from 'zod';
import { uuid } from './common.ts';

export const bindingStatuses = ['pending', 'confirmed', 'rejected'] as const;
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
