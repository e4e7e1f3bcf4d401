import type { AuditEntry } from '@m4s/contracts';
import type { StaffCtx } from '../../platform/context.ts';
import { recentEntries } from './audit.queries.ts';

/** Store-scoped managers read the log too; entries name ids only, never personal data. */
export const listAudit = (ctx: StaffCtx, filter: { limit: number; action?: string }): Promise<AuditEntry[]> =>
  recentEntries(ctx.db, ctx.tenantId, filter);
