// Service intervals as data (issue 11 point 1): a tenant's maintenance intervals per brand, and per
// series (车系) where one differs; the forecast and the maintenance chase use the car's.
import { z } from 'zod';
import { uuid } from './common.ts';

export const serviceInterval = z.object({
  months: z.number().int().min(1).max(36),
  km: z.number().int().min(500).max(50_000),
});
export type ServiceIntervalValue = z.infer<typeof serviceInterval>;

export const serviceIntervalRow = z.object({
  id: uuid,
  brandId: z.string(),
  brandName: z.string(),
  seriesId: z.string().nullable(),
  seriesName: z.string().nullable(),
  /** The first maintenance (首保), counted from the purchase. */
  first: serviceInterval,
  /** Every later maintenance, counted from the last maintenance work. */
  later: serviceInterval,
  updatedAt: z.string(),
});
export type ServiceIntervalRow = z.infer<typeof serviceIntervalRow>;

export const serviceIntervalList = z.object({
  /** The platform's intervals, for a car whose brand and series have no row. */
  defaults: z.object({ first: serviceInterval, later: serviceInterval }),
  items: z.array(serviceIntervalRow),
});
export type ServiceIntervalList = z.infer<typeof serviceIntervalList>;

/** Sets a brand's (seriesId null) or a series' intervals: one row per brand and series, replaced whole. */
export const serviceIntervalInput = z.strictObject({
  brandId: z.string().trim().min(1).max(64),
  seriesId: z.string().trim().min(1).max(64).nullable().default(null),
  first: serviceInterval,
  later: serviceInterval,
});
export type ServiceIntervalInput = z.input<typeof serviceIntervalInput>;
export const serviceIntervalParams = z.object({ id: uuid });
