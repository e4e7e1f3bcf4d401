import {
  invitationSuccessRate,
  marginPercent,
  revenuePerVehicleFen,
  uninvitedShare,
  type EventDetail,
  type EventInput,
  type EventInviteBody,
  type EventKpis,
  type EventSignup,
  type EventSummary,
  eventInput,
} from '@m4s/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { newRowId } from '../../platform/db/ids.ts';
import { AppError } from '../../platform/errors.ts';
import { maskPhone } from '../customers/customers.mask.ts';
import { activitySatisfaction, inviteToActivitySurvey } from '../surveys/activity.service.ts';
import * as q from './events.queries.ts';
import { fillSeats, inviteToEvent, loadEvent, noticeSignups, refused } from './invite.service.ts';

/** Events and clubs for staff (docs/events.md): 会员管理 › 活动. */

export const presentEvent = (e: q.EventRow): EventSummary => ({
  id: e.id,
  title: e.title,
  kind: e.kind,
  description: e.description,
  storeId: e.store_id,
  storeName: e.store_name,
  startsAt: e.starts_at.toISOString(),
  endsAt: e.ends_at.toISOString(),
  place: e.place,
  capacity: e.capacity,
  signupDeadline: e.signup_deadline.toISOString(),
  audience: e.audience,
  costFen: e.cost_fen,
  status: e.status,
  cancelReason: e.cancel_reason,
  counts: { confirmed: e.confirmed, waiting: e.waiting, checkedIn: e.checked_in, invited: e.invited },
  createdAt: e.created_at.toISOString(),
  publishedAt: e.published_at?.toISOString() ?? null,
});

export const listEvents = async (ctx: StaffCtx, status: string | undefined) => ({
  items: (await q.listEvents(ctx.sql, ctx.tenantId, status ?? null)).map(presentEvent),
});

const valuesOf = (input: z.output<typeof eventInput>): q.EventValues => ({ ...input });

export const createEvent = async (ctx: StaffCtx, input: z.output<typeof eventInput>): Promise<EventSummary> => {
  const id = newRowId();
  await q.insertEvent(ctx.sql, ctx.tenantId, id, valuesOf(input), { at: ctx.clock.now(), by: ctx.actor.id });
  await audit(ctx, { action: 'event.saved', target: { type: 'event', id }, details: { created: true } });
  return presentEvent(await loadEvent(ctx, id));
};

/** A draft or a published event may change; its capacity not below the seats given (more seats: the waiting list moves up). */
export const updateEvent = async (ctx: StaffCtx, id: string, input: z.output<typeof eventInput>) => {
  if (!(await q.lockEvent(ctx.sql, ctx.tenantId, id))) throw new AppError('NOT_FOUND');
  const event = await loadEvent(ctx, id);
  if (event.status !== 'draft' && event.status !== 'published') throw refused('status', 'event_not_editable');
  if (input.capacity < event.confirmed) throw refused('capacity', 'event_capacity_below');
  await q.updateEvent(ctx.sql, ctx.tenantId, id, valuesOf(input));
  await fillSeats(ctx, id);
  await audit(ctx, { action: 'event.saved', target: { type: 'event', id }, details: { created: false } });
  return presentEvent(await loadEvent(ctx, id));
};

export const publishEvent = async (ctx: StaffCtx, id: string) => {
  await loadEvent(ctx, id);
  if (!(await q.setStatus(ctx.sql, ctx.tenantId, id, ['draft'], 'published', ctx.clock.now())))
    throw refused('status', 'event_not_draft');
  await audit(ctx, { action: 'event.published', target: { type: 'event', id } });
  return presentEvent(await loadEvent(ctx, id));
};

/** Cancels a draft or published event; every owner with a seat or on the waiting list is told. */
export const cancelEvent = async (ctx: StaffCtx, id: string, reason: string) => {
  if (!(await q.lockEvent(ctx.sql, ctx.tenantId, id))) throw new AppError('NOT_FOUND');
  const event = await loadEvent(ctx, id);
  if (!(await q.setStatus(ctx.sql, ctx.tenantId, id, ['draft', 'published'], 'cancelled', ctx.clock.now(), reason)))
    throw refused('status', 'event_not_editable');
  const signups = await q.activeSignups(ctx.sql, ctx.tenantId, id);
  const outcomes = await noticeSignups(ctx, signups, {
    key: 'cancel',
    subject: `活动取消：${event.title}`,
    body: `很抱歉，您报名的活动「${event.title}」已取消（${reason}）。给您带来不便，敬请谅解。`,
    link: `/events/${id}`,
    storeId: event.store_id,
  });
  await audit(ctx, {
    action: 'event.cancelled',
    target: { type: 'event', id },
    details: { signups: signups.length, notices: outcomes.filter((o) => o.decision === 'sent').length },
  });
  return presentEvent(await loadEvent(ctx, id));
};

/**
 * Closes an event that has ended (by hand or by the night) and offers the activity questionnaire to every
 * attendee with an app account (once each).
 */
export const closeEvent = async (ctx: Ctx, id: string) => {
  const event = await loadEvent(ctx, id);
  if (event.ends_at > ctx.clock.now()) throw refused('endsAt', 'event_not_ended');
  if (!(await q.setStatus(ctx.sql, ctx.tenantId, id, ['published'], 'closed', ctx.clock.now())))
    throw refused('status', 'event_not_published');
  const offered = await offerSurvey(ctx, id, event.title, event.store_id);
  await audit(ctx, { action: 'event.closed', target: { type: 'event', id }, details: { surveys: offered } });
  return presentEvent(await loadEvent(ctx, id));
};

/** The night: every published event whose end has passed is closed; its attendees are offered the questionnaire. */
export const closeEnded = async (ctx: Ctx) => {
  let closed = 0;
  let surveys = 0;
  for (const id of await q.endedEvents(ctx.sql, ctx.tenantId, ctx.clock.now())) {
    const event = await loadEvent(ctx, id);
    if (!(await q.setStatus(ctx.sql, ctx.tenantId, id, ['published'], 'closed', ctx.clock.now()))) continue;
    surveys += await offerSurvey(ctx, id, event.title, event.store_id);
    closed++;
  }
  return { closed, surveys };
};

export const offerSurvey = async (ctx: Ctx, eventId: string, title: string, storeId: string | null) => {
  let offered = 0;
  for (const a of await q.attendeesToSurvey(ctx.sql, ctx.tenantId, eventId)) {
    const responseId = await inviteToActivitySurvey(ctx, {
      customerId: a.customer_id,
      ownerId: a.owner_id,
      storeId,
      dedupeKey: `event:survey:${a.id}`,
      eventTitle: title,
    });
    if (!responseId) break;
    await q.setSurveyResponse(ctx.sql, ctx.tenantId, a.id, responseId);
    offered++;
  }
  return offered;
};

export const signupsOf = async (ctx: StaffCtx, id: string): Promise<{ items: EventSignup[] }> => {
  await loadEvent(ctx, id);
  const rows = await q.signupsOfEvent(ctx.sql, ctx.tenantId, id);
  return {
    items: rows.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      customerName: r.name,
      phoneMasked: r.phone ? maskPhone(r.phone) : null,
      status: r.status,
      position: r.position,
      invited: r.invited,
      signedUpAt: r.signed_up_at.toISOString(),
      checkedInAt: r.checked_in_at?.toISOString() ?? null,
    })),
  };
};

export const invite = async (ctx: StaffCtx, id: string, body: EventInviteBody) => {
  const result = await inviteToEvent(ctx, id, body.customerIds ?? 'audience', {
    channel: body.channel ?? 'inbox',
    dryRun: body.dryRun ?? false,
  });
  if (!result.dryRun)
    await audit(ctx, {
      action: 'event.invited',
      target: { type: 'event', id },
      details: { reached: result.reached, heldBack: result.heldBack, channel: body.channel ?? 'inbox' },
    });
  return result;
};

const dayMs = 86_400_000;

/**
 * The textbook's campaign KPIs of one event (docs/events.md): invitation success, the uninvited share, the
 * attendees' revenue in the window (their repair orders from the start to `windowDays` after the end,
 * warranty and campaign work excluded) per attending car and its margin against the event's cost, and the
 * activity questionnaire's satisfaction.
 */
export const kpisOf = async (ctx: Ctx, id: string, windowDays: number): Promise<EventKpis> => {
  const event = await loadEvent(ctx, id);
  const to = new Date(event.ends_at.getTime() + windowDays * dayMs);
  const f = await q.kpiFigures(ctx.sql, ctx.tenantId, id, event.starts_at, to);
  const invited = f?.invited ?? 0;
  const attended = f?.attended ?? 0;
  const invitedAttended = f?.invited_attended ?? 0;
  const revenueFen = f?.revenue_fen ?? 0;
  return {
    invited,
    attended,
    invitedAttended,
    uninvitedAttended: attended - invitedAttended,
    successRate: invitationSuccessRate({ invited, invitedAttended }),
    uninvitedShare: uninvitedShare({ attended, invitedAttended }),
    windowDays,
    revenueFen,
    costFen: event.cost_fen,
    revenueCustomers: f?.revenue_customers ?? 0,
    revenuePerVehicleFen: revenuePerVehicleFen({ revenueFen, customers: attended }),
    margin: marginPercent({ revenueFen, costFen: event.cost_fen }),
    satisfaction: await activitySatisfaction(ctx, await q.surveyResponseIds(ctx.sql, ctx.tenantId, id)),
  };
};

export const eventDetail = async (ctx: StaffCtx, id: string, windowDays: number): Promise<EventDetail> => ({
  ...presentEvent(await loadEvent(ctx, id)),
  kpis: await kpisOf(ctx, id, windowDays),
});

export type { EventInput };
export { inviteToEvent } from './invite.service.ts';
