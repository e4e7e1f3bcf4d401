import type { Branding, PublicTenant, TenantSettings } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
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

export const updateBranding = async (ctx: StaffCtx, input: Branding): Promise<Branding> => {
  const before = await getBranding(ctx);
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
