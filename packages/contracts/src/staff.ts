import { z } from 'zod';
import { mobilePhone, uuid } from './common.ts';
import { passwordSchema } from './auth.ts';
import { roles } from './roles.ts';

export const staffLogin = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, { message: 'login' });

export const staffCreateBody = z.strictObject({
  login: staffLogin,
  name: z.string().trim().min(1).max(40),
  phone: mobilePhone.nullable(),
  role: z.enum(roles),
  storeId: uuid.nullable(),
  password: passwordSchema,
});
export type StaffCreateBody = z.infer<typeof staffCreateBody>;

export const staffUpdateBody = z
  .strictObject({
    name: z.string().trim().min(1).max(40),
    phone: mobilePhone.nullable(),
    role: z.enum(roles),
    storeId: uuid.nullable(),
    status: z.enum(['active', 'disabled']),
  })
  .partial();
export type StaffUpdateBody = z.infer<typeof staffUpdateBody>;

export const staffMember = z.object({
  id: uuid,
  login: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  role: z.enum(roles),
  storeId: uuid.nullable(),
  status: z.enum(['active', 'disabled']),
  lastSignInAt: z.string().nullable(),
  /** The account-wide lock after wrong passwords from addresses it has not signed in from (null: none). */
  lockedUntil: z.string().nullable(),
  /** The password was reset by an admin and is still the temporary one. */
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});
export type StaffMember = z.infer<typeof staffMember>;

export const staffList = z.object({ items: z.array(staffMember) });

export const staffListQuery = z.strictObject({
  storeId: uuid.optional(),
  q: z.string().trim().max(40).optional(),
});

/** An admin's reset: the temporary password, shown once; the member must replace it at the next sign-in. */
export const staffPasswordReset = z.object({ temporaryPassword: z.string() });
export type StaffPasswordReset = z.infer<typeof staffPasswordReset>;
