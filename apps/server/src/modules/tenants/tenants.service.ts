import type { Branding, PublicTenant } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import * as q from './tenants.queries.ts';

export type TenantRow = NonNullable<Awaited<ReturnType<typeof q.findTenant>>>;

/** The current tenant's row; RLS would hide any other. */
export const currentTenant = async (ctx: Ctx): Promise<TenantRow> => {
  const row = await q.findTenant(ctx.db, ctx.tenantId);
  if (!row) throw new AppError('TENANT_NOT_FOUND');
  return row;
};

const toBranding = (t: TenantRow): Branding => ({
  name: t.name,
  shortName: t.shortName,
  primaryColor: t.primaryColor,
  accentColor: t.accentColor,
  dealerHotline: t.dealerHotline,
  oemHotline: t.oemHotline,
  logo: t.logo,
});

export const toPublicTenant = (t: TenantRow): PublicTenant => ({
  slug: t.slug,
  name: t.name,
  shortName: t.shortName,
  primaryColor: t.primaryColor,
  accentColor: t.accentColor,
  dealerHotline: t.dealerHotline,
  oemHotline: t.oemHotline,
  hasLogo: t.logo !== null,
});

export const getBranding = async (ctx: StaffCtx): Promise<Branding> => toBranding(await currentTenant(ctx));

export const updateBranding = async (ctx: StaffCtx, input: Branding): Promise<Branding> => {
  const before = await currentTenant(ctx);
  const row = await q.updateBranding(ctx.db, ctx.tenantId, input, ctx.clock.now());
  if (!row) throw new AppError('TENANT_NOT_FOUND');
  const changed = (Object.keys(input) as (keyof Branding)[]).filter((k) => toBranding(before)[k] !== input[k]);
  await audit(ctx, { action: 'tenant.branding_updated', target: { type: 'tenant', id: ctx.tenantId }, details: { changed } });
  return toBranding(row);
};
