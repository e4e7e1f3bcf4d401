import { z } from 'zod';

export const uuid = z.uuid();
export const idParams = z.strictObject({ id: uuid });
export type IdParams = z.infer<typeof idParams>;

/** The shape of a mainland China mobile number: 11 digits starting 13–19. */
export const mobilePhonePattern = /^1[3-9]\d{9}$/;
/** Mainland China mobile number, 11 digits starting 13–19. */
export const mobilePhone = z.string().trim().regex(mobilePhonePattern, { message: 'phone' });
/** A hotline: landline, 400/800 number or mobile — digits and dashes. */
export const hotline = z
  .string()
  .trim()
  .regex(/^[0-9][0-9-]{4,19}$/, { message: 'hotline' });
export const tenantSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, { message: 'slug' });
export const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'color' });
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time' });
export const isoDateTime = z.string();

/**
 * The years a day may fall in: a customer born in 1930, a car first registered in 1995, a booking next year,
 * an import's dates (the DMS import reads the same years: imports/cells.ts) — nothing the product keeps comes
 * near either end. A day outside them is a typo or a probe.
 */
export const dayYears = { min: 1900, max: 2100 } as const;

/**
 * A calendar day, YYYY-MM-DD (in the tenant's time zone where it is one): one that exists (never 2023-02-30)
 * within dayYears. Messages: `date` (the form), `date_invalid` (no such day), `date_range` (outside the years).
 */
export const isoDay = z.string().superRefine((s, ctx) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'date' });
    return;
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    ctx.addIssue({ code: 'custom', message: 'date_invalid' });
  } else if (year < dayYears.min || year > dayYears.max) {
    ctx.addIssue({ code: 'custom', message: 'date_range' });
  }
});

/** A calendar month, YYYY-MM, within dayYears. Messages: `month` (the form), `date_range` (outside the years). */
export const isoMonth = z.string().superRefine((s, ctx) => {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(s);
  if (!m) ctx.addIssue({ code: 'custom', message: 'month' });
  else if (Number(m[1]) < dayYears.min || Number(m[1]) > dayYears.max)
    ctx.addIssue({ code: 'custom', message: 'date_range' });
});

export const okResponse = z.object({ ok: z.literal(true) });

export const healthResponse = z.object({ status: z.enum(['ok', 'degraded']), db: z.enum(['ok', 'down']) });
export type HealthResponse = z.infer<typeof healthResponse>;

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
