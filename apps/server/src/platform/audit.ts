import type { AuditAction } from '@m4s/contracts';
import { auditLog } from './db/schema/index.ts';
import type { Ctx } from './context.ts';

type Entry = {
  /** One of the listed codes (contracts' `auditActions`), so the admin console has a label for it. */
  action: AuditAction;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
  /** Who did it when it is not the request's actor yet (the person who just signed in). */
  actor?: { kind: 'staff' | 'owner'; id: string };
};

/** Appends to the tenant's audit log in the caller's transaction: the record and the change commit together. */
export const audit = async (ctx: Ctx, entry: Entry): Promise<void> => {
  const actor = entry.actor ?? ctx.actor;
  await ctx.db.insert(auditLog).values({
    tenantId: ctx.tenantId,
    actorKind: actor.kind,
    actorId: 'id' in actor ? actor.id : null,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    ip: ctx.request.ip,
    requestId: ctx.request.id,
    details: entry.details ?? {},
    at: ctx.clock.now(),
  });
};
