import { eventKindLabels, type InviteResult } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { newRowId } from '../../platform/db/ids.ts';
import { AppError } from '../../platform/errors.ts';
import { runGate, stage, type GateOutcome, type TouchCandidate } from '../contact/gate.ts';
import * as q from './events.queries.ts';

/** A 409 naming why, in the user's language (platform/i18n-events.ts). */
export const refused = (path: string, message: string) =>
  new AppError('CONFLICT', undefined, { issues: [{ path, message }] });

export const loadEvent = async (ctx: Ctx, id: string) => {
  const event = await q.eventById(ctx.sql, ctx.tenantId, id);
  if (!event) throw new AppError('NOT_FOUND');
  return event;
};

const when = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(at);

const chunk = 500;

/**
 * Invites customers to a published event through the contact gate (source `event`, kind marketing, topic
 * `offers`: an owner who refused offers, or whom a cap holds, is not reached) — the event's audience, or the
 * customers named (campaigns call this with their own audience). The message links to the event in the
 * owner app (/events/<id>); an SMS names where to find it. A dry run counts who would be reached and who
 * held back and why, and writes nothing; otherwise every decision is recorded in `event_invitations` (once
 * per customer and event: those invited already are counted, not asked again).
 */
export const inviteToEvent = async (
  ctx: Ctx,
  eventId: string,
  target: readonly string[] | 'audience',
  options: { channel?: 'inbox' | 'sms'; dryRun?: boolean } = {},
): Promise<InviteResult> => {
  const event = await loadEvent(ctx, eventId);
  const now = ctx.clock.now();
  if (event.status !== 'published') throw refused('status', 'event_not_published');
  if (event.signup_deadline <= now) throw refused('signupDeadline', 'event_not_open');
  const channel = options.channel ?? 'inbox';
  const dryRun = options.dryRun ?? false;
  const { fresh, already } = await q.inviteeIds(
    ctx.sql,
    ctx.tenantId,
    eventId,
    target === 'audience' ? { audience: event.audience, storeId: event.store_id } : { customerIds: target },
  );
  const kind = eventKindLabels[event.kind]['zh-CN'];
  const body =
    `诚邀您参加${kind}「${event.title}」：${when(event.starts_at, event.timezone)}，地点：${event.place}。名额${event.capacity}个，` +
    (channel === 'sms' ? '打开车主App「我的 › 活动」即可报名。' : '点击查看详情并报名。');
  const base: Omit<TouchCandidate, 'customerId' | 'dedupeKey'> = {
    vehicleId: null,
    source: 'event',
    ruleKey: null,
    topic: 'offers',
    kind: 'marketing',
    channel,
    dueAt: now,
    priority: 50,
    subject: `活动邀请：${event.title}`,
    body,
    taskTitle: null,
    taskRole: null,
    storeId: event.store_id,
    assigneeId: null,
    noticeTopic: 'event_invitation',
    link: `/events/${eventId}`,
    expiresAt: event.signup_deadline,
  };
  const outcomes: GateOutcome[] = [];
  for (let i = 0; i < fresh.length; i += chunk) {
    await stage(
      ctx,
      fresh
        .slice(i, i + chunk)
        .map((customerId) => ({ ...base, customerId, dedupeKey: `event:${eventId}:${customerId}` })),
    );
    outcomes.push(...(await runGate(ctx, { dryRun })));
  }
  const heldBack: Record<string, number> = {};
  let reached = 0;
  let duplicates = 0;
  for (const o of outcomes) {
    if (o.duplicate) duplicates++;
    else if (o.decision === 'sent' || o.decision === 'deferred') reached++;
    else {
      const why = o.reason ?? o.decision;
      heldBack[why] = (heldBack[why] ?? 0) + 1;
    }
  }
  if (!dryRun)
    await q.recordInvitations(
      ctx.sql,
      ctx.tenantId,
      outcomes.filter((o) => !o.duplicate).map((o) => [newRowId(), o.customerId, o.decision, o.reason]),
      {
        event_id: eventId,
        channel,
        invited_at: now,
        invited_by: ctx.actor.kind === 'staff' ? ctx.actor.id : null,
      },
    );
  return { dryRun, audience: fresh.length + already, reached, alreadyInvited: already + duplicates, heldBack };
};

/**
 * An event as a campaign's offer (docs/campaigns.md): its title, when it is published and open for sign-up
 * (a 409 naming why otherwise), null when the tenant has no such event. The campaign's own message through
 * the gate is the invitation; it links here as the event's own invitations do.
 */
export const openEventOffer = async (ctx: Ctx, eventId: string) => {
  const event = await q.eventById(ctx.sql, ctx.tenantId, eventId);
  if (!event) return null;
  if (event.status !== 'published') throw refused('offer.eventId', 'event_not_published');
  if (event.signup_deadline <= ctx.clock.now()) throw refused('offer.eventId', 'event_not_open');
  return { title: event.title, link: `/events/${eventId}`, noticeTopic: 'event_invitation' };
};

/**
 * The customers a campaign passed through the gate with this event as its offer, recorded as the event's
 * invitations (the gate's decision and reason each; once per customer and event, an earlier invitation
 * stands), so the event's invitation success rate counts them.
 */
export const recordCampaignInvitations = async (
  ctx: Ctx,
  eventId: string,
  channel: string,
  outcomes: readonly { customerId: string; decision: string; reason: string | null }[],
) =>
  q.recordInvitations(
    ctx.sql,
    ctx.tenantId,
    outcomes.map((o) => [newRowId(), o.customerId, o.decision, o.reason]),
    {
      event_id: eventId,
      channel,
      invited_at: ctx.clock.now(),
      invited_by: ctx.actor.kind === 'staff' ? ctx.actor.id : null,
    },
  );

/**
 * A notice about the owner's own sign-up (the event was cancelled, a seat came free): transactional, through
 * the gate to the app account that signed up (its inbox) and to the customer's phone.
 */
export const noticeSignups = async (
  ctx: Ctx,
  signups: readonly { id: string; customer_id: string; owner_id: string | null }[],
  notice: { key: string; subject: string; body: string; link: string | null; storeId: string | null },
) => {
  if (signups.length === 0) return [];
  const now = ctx.clock.now();
  const base = {
    vehicleId: null,
    source: 'event' as const,
    ruleKey: null,
    topic: 'booking' as const,
    kind: 'transactional' as const,
    dueAt: now,
    priority: 0,
    subject: notice.subject,
    body: notice.body,
    taskTitle: null,
    taskRole: null,
    storeId: notice.storeId,
    assigneeId: null,
    noticeTopic: 'event_notice',
    link: notice.link,
  };
  const candidates: TouchCandidate[] = signups.flatMap((s) => [
    ...(s.owner_id
      ? [
          {
            ...base,
            customerId: s.customer_id,
            channel: 'inbox' as const,
            address: s.owner_id,
            dedupeKey: `event:${notice.key}:${s.id}:inbox`,
          },
        ]
      : []),
    { ...base, customerId: s.customer_id, channel: 'sms' as const, dedupeKey: `event:${notice.key}:${s.id}:sms` },
  ]);
  const outcomes: GateOutcome[] = [];
  for (let i = 0; i < candidates.length; i += chunk) {
    await stage(ctx, candidates.slice(i, i + chunk));
    outcomes.push(...(await runGate(ctx, { dryRun: false })));
  }
  return outcomes;
};

/** Seats that came free go to the waiting list in order; each promoted owner is told. */
export const fillSeats = async (ctx: Ctx, eventId: string) => {
  const event = await loadEvent(ctx, eventId);
  if (event.status !== 'published' || event.starts_at <= ctx.clock.now()) return 0;
  const free = event.capacity - (await q.confirmedCount(ctx.sql, ctx.tenantId, eventId));
  const promoted = await q.promoteWaiting(ctx.sql, ctx.tenantId, eventId, free);
  await noticeSignups(ctx, promoted, {
    key: 'seat',
    subject: `候补成功：${event.title}`,
    body: `您候补的活动「${event.title}」有名额了，已为您保留座位。${when(event.starts_at, event.timezone)}，${event.place}。签到二维码见车主App「我的 › 活动」。`,
    link: `/events/${eventId}`,
    storeId: event.store_id,
  });
  return promoted.length;
};

export { when as eventTime };
