import { z } from 'zod';

export const uuid = z.uuid();
export const idParams = z.strictObject({ id: uuid });
export type IdParams = z.infer<typeof idParams>;

/** Mainland China mobile number, 11 digits starting 13–19. */
export const mobilePhone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, { message: 'phone' });
/** A hotline: landline, 400/800 number or mobile — digits and dashes. */
export const hotline = z
  .string()
  .trim()
  .regex(/^[0-9][0-9-]{4,19}$/, { message: 'hotline' });
export const tenantSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, { message: 'slug' });
export const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'color' });
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time' });
export const isoDateTime = z.string();

export const okResponse = z.object({ ok: z.literal(true) });

export const healthResponse = z.object({ status: z.enum(['ok', 'degraded']), db: z.enum(['ok', 'down']) });
export type HealthResponse = z.infer<typeof healthResponse>;

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
