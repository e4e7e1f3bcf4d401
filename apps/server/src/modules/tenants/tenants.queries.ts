import { eq } from 'drizzle-orm';
import type { Branding } from '@m4s/contracts';
import { tenants } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

export const findTenant = async (db: Tx, tenantId: string) => {
  const [row] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  return row ?? null;
};

export const updateBranding = async (db: Tx, tenantId: string, branding: Branding, now: Date) => {
  const [row] = await db
    .update(tenants)
    .set({ ...branding, updatedAt: now })
    .where(eq(tenants.id, tenantId))
    .returning();
  return row ?? null;
};
