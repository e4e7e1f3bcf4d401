import { z } from 'zod';
import { hexColor, hotline } from './common.ts';

/** A logo is kept as a small data URL (PNG, JPEG, SVG or WebP, at most ~200 KB). */
export const logoDataUrl = z
  .string()
  .max(280_000, { message: 'logo_size' })
  .regex(/^data:image\/(png|jpeg|svg\+xml|webp);base64,[A-Za-z0-9+/=]+$/, { message: 'logo_format' });

export const branding = z.object({
  name: z.string().trim().min(1).max(60),
  shortName: z.string().trim().min(1).max(12),
  primaryColor: hexColor,
  accentColor: hexColor,
  dealerHotline: hotline.nullable(),
  oemHotline: hotline.nullable(),
  logo: logoDataUrl.nullable(),
});
export type Branding = z.infer<typeof branding>;

export const brandingUpdateBody = branding.strict();
export type BrandingUpdateBody = z.infer<typeof brandingUpdateBody>;

/** How owners install the group's app: its address and that address as a QR code (a PNG data URL). */
export const ownerAppInstall = z.object({ url: z.string(), qrPng: z.string() });
export type OwnerAppInstall = z.infer<typeof ownerAppInstall>;

/** What anyone may read about a tenant: what the owner app shows before sign-in. */
export const publicTenant = z.object({
  slug: z.string(),
  name: z.string(),
  shortName: z.string(),
  primaryColor: hexColor,
  accentColor: hexColor,
  dealerHotline: z.string().nullable(),
  oemHotline: z.string().nullable(),
  hasLogo: z.boolean(),
});
export type PublicTenant = z.infer<typeof publicTenant>;

/** Group-wide options the group admin sets (more join as modules need them). */
export const tenantSettings = z.strictObject({
  /** 'own': sales consultants and service advisors see only the customers assigned to them. */
  customerScope: z.enum(['group', 'own']),
});
export type TenantSettings = z.infer<typeof tenantSettings>;
