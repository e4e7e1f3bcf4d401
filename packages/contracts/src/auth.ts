import { z } from 'zod';
import { mobilePhone, tenantSlug, uuid } from './common.ts';
import { permissions, roles } from './roles.ts';

export const staffSignInBody = z.strictObject({
  tenant: tenantSlug,
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type StaffSignInBody = z.infer<typeof staffSignInBody>;

export const passwordSchema = z.string().min(8, { message: 'password' }).max(200);

export const passwordChangeBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});
export type PasswordChangeBody = z.infer<typeof passwordChangeBody>;

export const staffMe = z.object({
  kind: z.literal('staff'),
  csrfToken: z.string(),
  tenant: z.object({ id: uuid, slug: z.string(), name: z.string() }),
  staff: z.object({
    id: uuid,
    login: z.string(),
    name: z.string(),
    role: z.enum(roles),
    store: z.object({ id: uuid, name: z.string() }).nullable(),
    /** An admin reset the password: every permission-checked route answers PASSWORD_CHANGE_REQUIRED until changed. */
    mustChangePassword: z.boolean(),
  }),
  permissions: z.array(z.enum(permissions)),
});
export type StaffMe = z.infer<typeof staffMe>;

export const otpRequestBody = z.strictObject({ tenant: tenantSlug, phone: mobilePhone });
export type OtpRequestBody = z.infer<typeof otpRequestBody>;
export const otpRequestResponse = z.object({ sent: z.literal(true), resendAfterSeconds: z.number().int() });

export const otpVerifyBody = z.strictObject({
  tenant: tenantSlug,
  phone: mobilePhone,
  code: z.string().regex(/^\d{6}$/, { message: 'otp' }),
});
export type OtpVerifyBody = z.infer<typeof otpVerifyBody>;

export const ownerMe = z.object({
  kind: z.literal('owner'),
  csrfToken: z.string(),
  tenant: z.object({ id: uuid, slug: z.string(), name: z.string() }),
  owner: z.object({ id: uuid, phoneMasked: z.string(), name: z.string().nullable() }),
});
export type OwnerMe = z.infer<typeof ownerMe>;
