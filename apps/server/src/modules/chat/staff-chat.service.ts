import { roleGrants, type ChatMessageInput, type ChatPosted, type ChatStats, type StaffThread } from '@m4s/contracts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decodePhoto } from '../../platform/photos.ts';
import { businessMinutesBetween } from '../../platform/time/work-calendar.ts';
import { announce, calendarNow, intake, newId, preview } from './chat.common.ts';
import { inScope, poolKindOf, toMessage, toStaffConversation } from './chat.present.ts';
import * as q from './chat.queries.ts';
import * as s from './chat.stats.queries.ts';

/** The advisor app's 会员咨询 (docs/chat.md): the conversations a staff member may answer, and answering. */

export const staffInbox = async (ctx: StaffCtx) => {
  const scope = roleGrants[ctx.actor.role].scope;
  const rows = await q.staffConversations(ctx.sql, ctx.tenantId, {
    storeId: scope === 'group' ? null : ctx.actor.storeId,
    own: scope === 'own' ? ctx.actor.id : null,
    poolStoreId: ctx.actor.storeId,
    poolKind: poolKindOf(ctx.actor.role),
  });
  const items = rows.map((r) => toStaffConversation(ctx.actor, r));
  return { items, unread: items.reduce((n, c) => n + c.unread, 0) };
};

/** Another tenant's conversation (or an assistant's) is a 404; one of the tenant's out of reach is a 403. */
const reachable = async (ctx: StaffCtx, id: string) => {
  const row = await q.conversationById(ctx.sql, ctx.tenantId, id);
  if (!row || row.kind === 'assistant') throw new AppError('NOT_FOUND');
  if (!inScope(ctx.actor, row)) throw new AppError('FORBIDDEN');
  return row;
};

export const staffThread = async (ctx: StaffCtx, id: string): Promise<StaffThread> => {
  const row = await reachable(ctx, id);
  return {
    conversation: toStaffConversation(ctx.actor, row),
    messages: (await q.messagesOf(ctx.sql, ctx.tenantId, id)).map(toMessage),
  };
};

/** An answer: the owner's wait (if any) ends and is recorded against the staff member (wall clock and business time). */
export const staffPost = async (ctx: StaffCtx, id: string, input: ChatMessageInput): Promise<ChatPosted> => {
  const row = await reachable(ctx, id);
  const { text, photo } = await intake(input);
  const now = ctx.clock.now();
  const waited = row.waiting_since;
  const cal = waited ? await calendarNow(ctx) : null;
  const messageId = newId();
  await q.insertMessage(ctx.sql, ctx.tenantId, {
    id: messageId,
    conversationId: id,
    sender: 'staff',
    staffId: ctx.actor.id,
    body: text,
    photo,
    responseMs: waited ? Math.max(0, now.getTime() - waited.getTime()) : null,
    businessMs: waited && cal ? businessMinutesBetween(cal, waited, now) * 60_000 : null,
    at: now,
  });
  await q.touchConversation(ctx.sql, ctx.tenantId, id, {
    text: preview(text, photo),
    at: now,
    unread: 'owner',
    waiting: 'end',
  });
  await announce(
    ctx,
    { id, kind: toStaffConversation(ctx.actor, row).kind, storeId: row.store_id, customerId: row.customer_id },
    { owners: true, staff: true },
  );
  const m = await q.messageById(ctx.sql, ctx.tenantId, messageId);
  return { messages: m ? [toMessage(m)] : [] };
};

export const staffRead = async (ctx: StaffCtx, id: string) => {
  await reachable(ctx, id);
  await q.markRead(ctx.sql, ctx.tenantId, id, 'staff');
  return { ok: true as const };
};

export const staffPhoto = async (ctx: StaffCtx, id: string) => {
  const p = await q.photoOf(ctx.sql, ctx.tenantId, id);
  if (!p) throw new AppError('NOT_FOUND');
  await reachable(ctx, p.conversation_id);
  const photo = p.photo ? decodePhoto(p.photo) : null;
  if (!photo) throw new AppError('NOT_FOUND');
  return photo;
};

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0);
const minutes = (ms: number) => Math.round(ms / 6_000) / 10;

/** Response times per staff member and the assistant's figures, over the manager's store (or the group). */
export const chatStats = async (ctx: StaffCtx, days: number): Promise<ChatStats> => {
  authorize(ctx.actor, 'chat.supervise');
  const storeId = roleGrants[ctx.actor.role].scope === 'group' ? null : ctx.actor.storeId;
  const since = new Date(ctx.clock.now().getTime() - days * 86_400_000);
  const replies = await s.repliesSince(ctx.sql, ctx.tenantId, storeId, since);
  const byStaff = new Map<string, { name: string; ms: number[]; business: number[] }>();
  for (const r of replies) {
    const e = byStaff.get(r.staff_id) ?? { name: r.name, ms: [], business: [] };
    e.ms.push(r.response_ms);
    if (r.business_ms !== null) e.business.push(r.business_ms);
    byStaff.set(r.staff_id, e);
  }
  const staff = [...byStaff.entries()]
    .map(([staffId, e]) => {
      const ms = [...e.ms].sort((a, b) => a - b);
      const business = [...e.business].sort((a, b) => a - b);
      return {
        staffId,
        name: e.name,
        replies: ms.length,
        medianMinutes: minutes(percentile(ms, 0.5)),
        p90Minutes: minutes(percentile(ms, 0.9)),
        medianBusinessMinutes: business.length > 0 ? minutes(percentile(business, 0.5)) : null,
      };
    })
    .sort((a, b) => a.medianMinutes - b.medianMinutes || a.name.localeCompare(b.name));
  const outcomes = new Map(
    (await s.assistantOutcomes(ctx.sql, ctx.tenantId, storeId, since)).map((o) => [o.outcome, o.n]),
  );
  const n = (k: string) => outcomes.get(k) ?? 0;
  const questions = n('answered') + n('resolved') + n('unsure') + n('handed_over');
  const closed = n('answered') + n('resolved');
  return {
    days,
    staff,
    waiting: await s.waitingCount(ctx.sql, ctx.tenantId, storeId),
    assistant: {
      questions,
      answered: n('answered'),
      resolved: n('resolved'),
      handedOver: n('unsure') + n('handed_over'),
      closed,
      closedRate: questions === 0 ? 0 : Math.round((closed / questions) * 1000) / 1000,
    },
  };
};

/** The stores whose chat events a staff member hears: theirs, or every store of the tenant for group roles. */
export const chatStreamStores = async (ctx: StaffCtx): Promise<{ tenantId: string; storeIds: string[] }> => {
  const scope = roleGrants[ctx.actor.role].scope;
  if (scope !== 'group' && ctx.actor.storeId) return { tenantId: ctx.tenantId, storeIds: [ctx.actor.storeId] };
  return { tenantId: ctx.tenantId, storeIds: await q.storeIdsOf(ctx.sql, ctx.tenantId) };
};
