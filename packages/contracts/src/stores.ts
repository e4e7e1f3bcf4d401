import { z } from 'zod';
import { clockTime, hotline, uuid } from './common.ts';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export const openingPeriod = z
  .strictObject({ open: clockTime, close: clockTime })
  .refine((p) => p.open < p.close, { message: 'period_order', path: ['close'] });

/** Opening hours per weekday; an empty list means closed that day. Evening and split shifts are allowed. */
export const openingHours = z.strictObject({
  mon: z.array(openingPeriod).max(4),
  tue: z.array(openingPeriod).max(4),
  wed: z.array(openingPeriod).max(4),
  thu: z.array(openingPeriod).max(4),
  fri: z.array(openingPeriod).max(4),
  sat: z.array(openingPeriod).max(4),
  sun: z.array(openingPeriod).max(4),
});
export type OpeningHours = z.infer<typeof openingHours>;

export const storeInput = z.strictObject({
  code: z.string().trim().regex(/^[A-Za-z0-9-]{2,16}$/, { message: 'store_code' }),
  name: z.string().trim().min(2).max(60),
  brand: z.string().trim().max(40).nullable(),
  province: z.string().trim().max(20).nullable(),
  city: z.string().trim().max(20).nullable(),
  address: z.string().trim().min(2).max(200),
  phone: hotline.nullable(),
  openingHours,
});
export type StoreInput = z.infer<typeof storeInput>;

export const store = storeInput.extend({
  id: uuid,
  status: z.enum(['active', 'closed']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Store = z.infer<typeof store>;

export const storeList = z.object({ items: z.array(store) });
