import { and, desc, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

export const recentEntries = async (db: Tx, tenantId: string, filter: { limit: number; action?: string }) => {
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), filter.action ? eq(auditLog.action, filter.action) : undefined))
    .orderBy(desc(auditLog.at))
    .limit(filter.limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
};
