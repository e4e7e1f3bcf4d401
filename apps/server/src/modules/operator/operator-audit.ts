import type { OperatorCtx } from '../../platform/context.ts';
import * as q from './operator.queries.ts';

type Entry = {
  action: string;
  tenantId?: string | null;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
  /** Who it was when the context does not know yet (the operator who just signed in, the login tried). */
  as?: { operatorId: string | null; name: string };
};

/** Appends to the operator's audit log in the caller's transaction: every operator action, API or CLI. */
export const operatorAudit = async (ctx: OperatorCtx, entry: Entry): Promise<void> => {
  const a = ctx.actor;
  const actor =
    entry.as ??
    (a.kind === 'operator'
      ? { operatorId: a.id, name: a.login }
      : { operatorId: null, name: a.kind === 'cli' ? a.name : 'anonymous' });
  await q.insertOperatorAudit(ctx.db, {
    actorKind: a.kind === 'cli' ? 'cli' : 'operator',
    operatorId: actor.operatorId,
    actorName: actor.name,
    action: entry.action,
    targetTenantId: entry.tenantId ?? null,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    ip: ctx.request.ip,
    requestId: ctx.request.id,
    details: entry.details ?? {},
    at: ctx.clock.now(),
  });
};

export const listAudit = async (ctx: OperatorCtx, filter: { tenantId?: string | undefined; limit: number }) => {
  const rows = await q.listOperatorAudit(ctx.db, filter);
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorKind: r.actorKind,
      actorName: r.actorName,
      action: r.action,
      tenantId: r.targetTenantId,
      targetType: r.targetType,
      targetId: r.targetId,
      ip: r.ip,
      details: r.details,
    })),
  };
};
