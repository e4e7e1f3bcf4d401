import { eq, sql } from 'drizzle-orm';
import type { Branding, TenantSettings } from '@m4s/contracts';
import { tenants } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

/** Everything but the logo, which can be ~200 KB and is only read where it is shown. */
export const findTenantProfile = async (db: Tx, tenantId: string) => {
  const [row] = await db
    .select({
      id: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      shortName: tenants.shortName,
      primaryColor: tenants.primaryColor,
      accentColor: tenants.accentColor,
      dealerHotline: tenants.dealerHotline,
      oemHotline: tenants.oemHotline,
      timezone: tenants.timezone,
      hasLogo: sql<boolean>`${tenants.logo} is not null`,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return row ?? null;
};

export const findTenantLogo = async (db: Tx, tenantId: string) => {
  const [row] = await db.select({ logo: tenants.logo }).from(tenants).where(eq(tenants.id, tenantId));
  return row?.logo ?? null;
};

export const updateBranding = async (db: Tx, tenantId: string, branding: Branding, now: Date) => {
  const [row] = await db
    .update(tenants)
    .set({ ...branding, updatedAt: now })
    .where(eq(tenants.id, tenantId))
    .returning({ id: tenants.id });
  return row ?? null;
};

export const findSettings = async (db: Tx, tenantId: string): Promise<TenantSettings | null> => {
  const [row] = await db.select({ customerScope: tenants.customerScope }).from(tenants).where(eq(tenants.id, tenantId));
  return row ?? null;
};

export const updateSettings = async (db: Tx, tenantId: string, settings: TenantSettings, now: Date) => {
  const [row] = await db
    .update(tenants)
    .set({ ...settings, updatedAt: now })
    .where(eq(tenants.id, tenantId))
    .returning({ customerScope: tenants.customerScope });
  return row ?? null;
};
