import type { Database } from '../platform/db/types.ts';
import { classifyTenant } from '../modules/segments/classify.ts';
import { tenantToday } from '../platform/time/tenant-zone.ts';

/**
 * The demo group's segments as of its first day, so 客户分群 and the care dry run have classes to show
 * before the first nightly run (02:00 tenant time) has happened.
 */
export const seedDemoSegments = async (db: Database, input: { tenantId: string; now: Date }): Promise<void> => {
  await db.transaction({ tenantId: input.tenantId }, async (tx) => {
    const ctx = { tenantId: input.tenantId, db: tx.db, sql: tx.sql, clock: { now: () => input.now } };
    await classifyTenant(ctx, await tenantToday(ctx));
  });
};
