import type { Branding, PublicTenant, TenantSettings } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { dataUrlOf, ImageRefused, isImageType, parseDataUrl, reencodeLogo } from '../../platform/images.ts';
import * as q from './tenants.queries.ts';

export type TenantProfile = NonNullable<Awaited<ReturnType<typeof q.findTenantProfile>>>;

/** The current tenant (without its logo); RLS would hide any other. */
export const currentTenant = async (ctx: Pick<Ctx, 'db' | 'tenantId'>): Promise<TenantProfile> => {
  const row = await q.findTenantProfile(ctx.db, ctx.tenantId);
  if (!row) throw new AppError('TENANT_NOT_FOUND');
  return row;
};

export const tenantLogo = (ctx: Ctx): Promise<string | null> => q.findTenantLogo(ctx.db, ctx.tenantId);

export const toPublicTenant = (t: TenantProfile): PublicTenant => ({
  slug: t.slug,
  name: t.name,
  shortName: t.shortName,
  primaryColor: t.primaryColor,
  accentColor: t.accentColor,
  dealerHotline: t.dealerHotline,
  oemHotline: t.oemHotline,
  hasLogo: t.hasLogo,
});

export const getBranding = async (ctx: StaffCtx): Promise<Branding> => {
  const [t, logo] = await Promise.all([currentTenant(ctx), tenantLogo(ctx)]);
  const { name, shortName, primaryColor, accentColor, dealerHotline, oemHotline } = t;
  return { name, shortName, primaryColor, accentColor, dealerHotline, oemHotline, logo };
};

/** A logo's bytes after re-encoding: what fits a logo data URL of contracts' `logoDataUrl` (280,000 characters). */
export const logoMaxBytes = 200_000;

/**
 * A new logo as the server keeps it: decoded and drawn again as a PNG (or WebP) of at most 512 px — an SVG is
 * rasterised, so no script in it survives — whatever type the client named. What does not decode is a 400 on `logo`.
 */
const reencodedLogo = async (dataUrl: string): Promise<string> => {
  const sent = parseDataUrl(dataUrl);
  if (!sent) throw AppError.field('logo', 'logo_format');
  try {
    return dataUrlOf(await reencodeLogo(sent.bytes, logoMaxBytes));
  } catch (error) {
    if (error instanceof ImageRefused) {
      throw AppError.field('logo', error.key === 'image_unreadable' ? 'logo_unreadable' : error.key);
    }
    throw error;
  }
};

/** The logo to serve: a stored raster as is, an older row's SVG (kept before logos were re-encoded) rasterised. */
export const servedLogo = async (ctx: Ctx) => {
  const stored = await tenantLogo(ctx);
  const sent = stored ? parseDataUrl(stored) : null;
  if (!sent) return null;
  if (isImageType(sent.type)) return { type: sent.type, bytes: sent.bytes };
  return reencodeLogo(sent.bytes, logoMaxBytes).catch(() => null);
};

export const updateBranding = async (ctx: StaffCtx, body: Branding): Promise<Branding> => {
  const before = await getBranding(ctx);
  // An unchanged logo is not drawn again (the form sends the whole record back).
  const logo = body.logo && body.logo !== before.logo ? await reencodedLogo(body.logo) : body.logo;
  const input = { ...body, logo };
  if (!(await q.updateBranding(ctx.db, ctx.tenantId, input, ctx.clock.now()))) throw new AppError('TENANT_NOT_FOUND');
  const changed = (Object.keys(input) as (keyof Branding)[]).filter((k) => before[k] !== input[k]);
  await audit(ctx, {
    action: 'tenant.branding_updated',
    target: { type: 'tenant', id: ctx.tenantId },
    details: { changed },
  });
  return input;
};

export const getSettings = async (ctx: StaffCtx): Promise<TenantSettings> => {
  const settings = await q.findSettings(ctx.db, ctx.tenantId);
  if (!settings) throw new AppError('TENANT_NOT_FOUND');
  return settings;
};

export const updateSettings = async (ctx: StaffCtx, input: TenantSettings): Promise<TenantSettings> => {
  const before = await getSettings(ctx);
  const after = await q.updateSettings(ctx.db, ctx.tenantId, input, ctx.clock.now());
  if (!after) throw new AppError('TENANT_NOT_FOUND');
  const changed = (Object.keys(input) as (keyof TenantSettings)[]).filter((k) => before[k] !== input[k]);
  await audit(ctx, {
    action: 'tenant.settings_updated',
    target: { type: 'tenant', id: ctx.tenantId },
    details: { changed, after },
  });
  return after;
};
