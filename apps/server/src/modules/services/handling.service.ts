import { roleGrants, type StaffServiceRequest } from '@m4s/contracts';
import type { z } from 'zod';
import type { advanceInput, staffRequestQuery } from '@m4s/contracts';
import type { StaffCtx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { publishAfterCommit } from '../../platform/events.ts';
import { decodePhoto } from '../../platform/photos.ts';
import { pluginOf } from './catalogue/index.ts';
import { pluginContext, pluginRequest } from './plugin-context.ts';
import { checkAnswers, isLastStep, nextStep } from './services.form.ts';
import * as q from './services.queries.ts';
import { toStaffRequest, toStaffSummary } from './services.view.ts';

/** The store the actor works in, or null for the group's roles (every store). */
const storeOfActor = (ctx: StaffCtx) =>
  roleGrants[ctx.actor.role].scope === 'group' ? null : (ctx.actor.storeId ?? '00000000-0000-0000-0000-000000000000');

/** 服务请求: my role's queue in my store (`mine`), or every service's of the store (`store`). */
export const staffRequests = async (ctx: StaffCtx, query: z.infer<typeof staffRequestQuery>) => {
  const rows = await q.queue(ctx.db, ctx.tenantId, {
    storeId: storeOfActor(ctx),
    role: query.scope === 'mine' ? ctx.actor.role : null,
    open: query.status === 'open',
  });
  return { items: rows.map(toStaffSummary) };
};

/** A case of the actor's store (the group's roles: any); another store's is a 404. */
const visible = async (ctx: StaffCtx, id: string) => {
  const row = await q.findRequest(ctx.db, ctx.tenantId, id);
  const store = storeOfActor(ctx);
  if (!row || (store !== null && row.r.storeId !== store)) throw new AppError('NOT_FOUND');
  return row;
};

const staffView = async (ctx: StaffCtx, row: q.DetailRow): Promise<StaffServiceRequest> =>
  toStaffRequest(row, await q.eventsOf(ctx.db, ctx.tenantId, [row.r.id]));

export const staffRequest = async (ctx: StaffCtx, id: string) => staffView(ctx, await visible(ctx, id));

export const requestPhoto = async (ctx: StaffCtx, id: string) => {
  const row = await visible(ctx, id);
  const photo = row.r.photo ? decodePhoto(row.r.photo) : null;
  if (!photo) throw new AppError('NOT_FOUND');
  return photo;
};

/**
 * The next step, and only the next (已派车 before 已到达): what the step asks for is checked like a form; an ETA
 * in minutes is also kept as the time it points at. The owner's open page hears of it at once.
 */
export const advance = async (ctx: StaffCtx, id: string, input: z.infer<typeof advanceInput>) => {
  await visible(ctx, id);
  const row = await q.lockRequest(ctx.db, ctx.tenantId, id);
  const plugin = row ? pluginOf(row.serviceId) : undefined;
  if (!row || !plugin) throw new AppError('NOT_FOUND');
  const next = row.closedAt ? null : nextStep(plugin.steps, row.status);
  if (!next || next.key !== input.to)
    throw AppError.field('to', row.closedAt ? 'service_closed' : 'service_step_order');
  const details = checkAnswers(next.fields, input.details, 'details');
  const now = ctx.clock.now();
  const current = { ...details };
  if (typeof details.etaMinutes === 'number')
    current.etaAt = new Date(now.getTime() + details.etaMinutes * 60_000).toISOString();
  const closes = isLastStep(plugin.steps, next.key);
  const updated = await q.updateRequest(ctx.db, ctx.tenantId, id, {
    status: next.key,
    current,
    updatedAt: now,
    closedAt: closes ? now : null,
  });
  await q.insertEvent(ctx.db, {
    tenantId: ctx.tenantId,
    requestId: id,
    at: now,
    status: next.key,
    actorId: ctx.actor.id,
    details: current,
  });
  await plugin.hooks.onStatus?.(pluginContext(ctx, plugin, updated), pluginRequest(updated), next.key);
  await audit(ctx, {
    action: 'service.request_advanced',
    target: { type: 'service_request', id },
    details: { serviceId: plugin.id, status: next.key },
  });
  if (updated.ownerId)
    publishAfterCommit(ctx, [updated.ownerId], {
      type: 'service',
      data: { requestId: id, status: next.key, at: now.toISOString() },
    });
  return staffRequest(ctx, id);
};

/** Staff close a case that will not be served (a duplicate, the owner withdrew by phone), with the reason. */
export const cancel = async (ctx: StaffCtx, id: string, reason: string) => {
  await visible(ctx, id);
  const row = await q.lockRequest(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.closedAt) throw AppError.field('reason', 'service_closed');
  const now = ctx.clock.now();
  await q.updateRequest(ctx.db, ctx.tenantId, id, { status: 'cancelled', closedAt: now, updatedAt: now });
  await q.insertEvent(ctx.db, {
    tenantId: ctx.tenantId,
    requestId: id,
    at: now,
    status: 'cancelled',
    actorId: ctx.actor.id,
    details: { reason },
  });
  await audit(ctx, { action: 'service.request_cancelled', target: { type: 'service_request', id } });
  if (row.ownerId)
    publishAfterCommit(ctx, [row.ownerId], {
      type: 'service',
      data: { requestId: id, status: 'cancelled', at: now.toISOString() },
    });
  return staffRequest(ctx, id);
};
