import { z } from 'zod';
import { clockTime, hotline, uuid } from './common.ts';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export const openingPeriod = z
  .strictObject({ open: clockTime, close: clockTime })
  .refine((p) => p.open < p.close, { message: 'period_order', path: ['close'] });

/** One day's periods: at most four, none overlapping another (split shifts and evenings are fine). */
const dayPeriods = z
  .array(openingPeriod)
  .max(4)
  .refine(
    (periods) => {
      const sorted = [...periods].sort((a, b) => a.open.localeCompare(b.open));
      return sorted.every((p, i) => i === 0 || (sorted[i - 1]?.close ?? '') <= p.open);
    },
    { message: 'period_overlap' },
  );

/** Opening hours per weekday; an empty list means closed that day. */
export const openingHours = z.strictObject({
  mon: dayPeriods,
  tue: dayPeriods,
  wed: dayPeriods,
  thu: dayPeriods,
  fri: dayPeriods,
  sat: dayPeriods,
  sun: dayPeriods,
});
export type OpeningHours = z.infer<typeof openingHours>;

export const storeInput = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{2,16}$/, { message: 'store_code' }),
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
