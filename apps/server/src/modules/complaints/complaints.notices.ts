import { and, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  complaintDeadlineKinds,
  complaintNoticeKinds,
  type ComplaintDeadlineKind,
  type ComplaintNotice,
  type ComplaintNoticeKind,
  type ComplaintNoticeList,
} from '@m4s/contracts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { complaintEvents, complaints, customers, staff } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';

/** How far back a staff member's notices reach. */
export const noticeDays = 30;
const noticeLimit = 100;

const sender = alias(staff, 'sender');

/**
 * A staff member's complaint notices: the case log entries addressed to them (`to_id`) that call for them
 * — a deadline about to pass on a case they answer for, a case escalated to them, handed to them by a
 * transfer or an assignment. Written once each with the log entry (the deadline job's warning is keyed by
 * its deadline), so a notice is never sent twice; read ones stay listed, unread first.
 */
export const myNotices = async (ctx: StaffCtx): Promise<ComplaintNoticeList> => {
  authorize(ctx.actor, 'customer.read');
  const since = new Date(ctx.clock.now().getTime() - noticeDays * 86_400_000);
  const mine = and(
    eq(complaintEvents.tenantId, ctx.tenantId),
    eq(complaintEvents.toId, ctx.actor.id),
    inArray(complaintEvents.kind, [...complaintNoticeKinds]),
    gte(complaintEvents.at, since),
  );
  const rows = await ctx.db
    .select({
      e: complaintEvents,
      c: {
        kind: complaints.kind,
        summary: complaints.summary,
        status: complaints.status,
      },
      customerName: customers.name,
      senderName: sender.name,
    })
    .from(complaintEvents)
    .innerJoin(
      complaints,
      and(eq(complaints.tenantId, complaintEvents.tenantId), eq(complaints.id, complaintEvents.complaintId)),
    )
    .innerJoin(customers, and(eq(customers.tenantId, complaints.tenantId), eq(customers.id, complaints.customerId)))
    .leftJoin(sender, and(eq(sender.tenantId, complaintEvents.tenantId), eq(sender.id, complaintEvents.actorId)))
    .where(and(mine, eq(complaints.tenantId, ctx.tenantId), eq(customers.tenantId, ctx.tenantId)))
    .orderBy(sql`${complaintEvents.seenAt} IS NOT NULL`, desc(complaintEvents.at), desc(complaintEvents.id))
    .limit(noticeLimit);
  const [count] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(complaintEvents)
    .where(and(mine, isNull(complaintEvents.seenAt)));
  return { items: rows.map(toNotice), unread: Number(count?.n ?? 0) };
};

const toNotice = (r: {
  e: typeof complaintEvents.$inferSelect;
  c: { kind: 'complaint' | 'suggestion'; summary: string; status: 'open' | 'closed' };
  customerName: string;
  senderName: string | null;
}): ComplaintNotice => {
  const { e } = r;
  const [head = '', ...rest] = (e.details ?? '').split(':');
  const warning = e.kind === 'deadline_warning';
  const deadline = warning && (complaintDeadlineKinds as readonly string[]).includes(head) ? head : null;
  const levelPart = e.kind === 'escalated' ? rest[0] : undefined;
  return {
    id: e.id,
    complaintId: e.complaintId,
    kind: e.kind as ComplaintNoticeKind,
    at: e.at.toISOString(),
    deadline: deadline as ComplaintDeadlineKind | null,
    due: warning && rest.length > 0 ? rest.join(':') : null,
    level: levelPart === undefined ? null : levelPart === 'oem_regional_manager' ? 3 : Number(levelPart) || null,
    from: e.actorId ? { id: e.actorId, name: r.senderName ?? '' } : null,
    text: e.text,
    customerName: r.customerName,
    complaintKind: r.c.kind,
    summary: r.c.summary,
    open: r.c.status === 'open',
    seenAt: e.seenAt?.toISOString() ?? null,
  };
};

/** One of my notices read; another's (or no notice) is a 404. Answers with my notices as they now stand. */
export const noticeSeen = async (ctx: StaffCtx, id: string): Promise<ComplaintNoticeList> => {
  authorize(ctx.actor, 'customer.read');
  const [row] = await ctx.db
    .select({ seenAt: complaintEvents.seenAt })
    .from(complaintEvents)
    .where(
      and(
        eq(complaintEvents.tenantId, ctx.tenantId),
        eq(complaintEvents.id, id),
        eq(complaintEvents.toId, ctx.actor.id),
        inArray(complaintEvents.kind, [...complaintNoticeKinds]),
      ),
    );
  if (!row) throw new AppError('NOT_FOUND');
  if (!row.seenAt)
    await ctx.db
      .update(complaintEvents)
      .set({ seenAt: ctx.clock.now() })
      .where(and(eq(complaintEvents.tenantId, ctx.tenantId), eq(complaintEvents.id, id)));
  return myNotices(ctx);
};
