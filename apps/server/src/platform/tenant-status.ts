import { eq } from 'drizzle-orm';
import { tenants } from './db/schema/index.ts';
import type { Tx } from './db/types.ts';

/**
 * Whether the tenant of this transaction is suspended by the platform operator. Jobs ask it before they
 * work (the nightly care run, sweeps, reminders, sends): a suspended tenant's jobs stop until it resumes.
 * Requests need not ask: suspension revokes every session and the sign-in refuses the slug.
 */
export const tenantSuspended = async (db: Tx, tenantId: string): Promise<boolean> => {
  const [row] = await db.select({ status: tenants.status }).from(tenants).where(eq(tenants.id, tenantId));
  return row?.status === 'suspended';
};
