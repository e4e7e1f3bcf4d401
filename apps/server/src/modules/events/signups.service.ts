import { randomBytes } from 'node:crypto';
import type { EventAudience, OwnerEvent } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { OwnerCtx, StaffCtx } from '../../platform/context.ts';
import { newRowId } from '../../platform/db/ids.ts';
import { AppError } from '../../platform/errors.ts';
import { programme } from '../loyalty/ledger.service.ts';
import { earnByRule } from '../loyalty/loyalty.service.ts';
import * as q from './events.queries.ts';
import { fillSeats, loadEvent, refused } from './invite.service.ts';

/** Sign-up, the waiting list and QR check-in (docs/events.md). */

const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Ten characters of 32 (50 bits): what the QR encodes after its prefix; unique per tenant (an index). */
export const newTicketCode = () => Array.from(randomBytes(10), (b) => alphabet[b % 32]).join('');

type Traits = NonNullable<Awaited<ReturnType<typeof q.customerTraits>>>;

export const audienceMatches = (a: EventAudience, t: Traits | null): boolean => {
  if (a.kind === 'all') return true;
  if (!t) return false;
  if (a.kind === 'tiers') return t.tier !== null && a.tiers.includes(t.tier);
  return t[a.dimension] === a.value;
};

const presentOwnerEvent = (e: q.EventRow, mine: q.SignupRow | null, now: Date): OwnerEvent => ({
  id: e.id,
  title: e.title,
  kind: e.kind,
  description: e.description,
  storeName: e.store_name,
  startsAt: e.starts_at.toISOString(),
  endsAt: e.ends_at.toISOString(),
  place: e.place,
  capacity: e.capacity,
  seatsLeft: Math.max(0, e.capacity - e.confirmed),
  signupDeadline: e.signup_deadline.toISOString(),
  status: e.status,
  cancelReason: e.cancel_reason,
  open: e.status === 'published' && e.signup_deadline > now,
  mine:
    mine && mine.status !== 'cancelled'
      ? {
          id: mine.id,
          status: mine.status,
          position: mine.position,
          ticketCode: mine.status === 'confirmed' ? mine.ticket_code : null,
          checkedInAt: mine.checked_in_at?.toISOString() ?? null,
        }
      : mine
        ? { id: mine.id, status: 'cancelled', position: null, ticketCode: null, checkedInAt: null }
        : null,
});

const customerOf = (ctx: OwnerCtx) => q.customerOfOwner(ctx.sql, ctx.tenantId, ctx.actor.id);

/** Whether the customer may see and join the event: its audience, or an invitation to it. */
const mayJoin = async (ctx: OwnerCtx, e: q.EventRow, customerId: string | null, traits: Traits | null) =>
  audienceMatches(e.audience, traits) ||
  (customerId !== null && (await q.inviteeIds(ctx.sql, ctx.tenantId, e.id, { customerIds: [customerId] })).already > 0);

/** 活动: published events that have not ended and are for this owner, and the owner's own sign-ups. */
export const ownerEvents = async (ctx: OwnerCtx) => {
  const now = ctx.clock.now();
  const customerId = await customerOf(ctx);
  const traits = customerId ? await q.customerTraits(ctx.sql, ctx.tenantId, customerId) : null;
  const mine = customerId ? await q.signupsOfCustomer(ctx.sql, ctx.tenantId, customerId) : [];
  const byEvent = new Map(mine.map((s) => [s.event_id, s]));
  const items: OwnerEvent[] = [];
  for (const e of await q.upcomingEvents(ctx.sql, ctx.tenantId, now)) {
    const own = byEvent.get(e.id) ?? null;
    if (own || (await mayJoin(ctx, e, customerId, traits))) items.push(presentOwnerEvent(e, own, now));
  }
  return { items };
};

/** One event as the owner sees it: one they may join, or one they signed up for (also after it ended). */
export const ownerEvent = async (ctx: OwnerCtx, id: string): Promise<OwnerEvent> => {
  const e = await q.eventById(ctx.sql, ctx.tenantId, id);
  if (!e || e.status === 'draft') throw new AppError('NOT_FOUND');
  const customerId = await customerOf(ctx);
  const own = customerId ? await q.signupOf(ctx.sql, ctx.tenantId, id, customerId) : null;
  if (!own) {
    const traits = customerId ? await q.customerTraits(ctx.sql, ctx.tenantId, customerId) : null;
    if (!(await mayJoin(ctx, e, customerId, traits))) throw new AppError('NOT_FOUND');
  }
  return presentOwnerEvent(e, own, ctx.clock.now());
};

/**
 * Signs the owner's customer up: a seat while one is free, else the end of the waiting list. The event's row
 * is locked first, so two owners after the last seat queue on it and the second is put on the waiting list.
 * Signing up again is no change; after a cancellation it is a new sign-up.
 */
export const signUp = async (ctx: OwnerCtx, id: string): Promise<OwnerEvent> => {
  const customerId = await customerOf(ctx);
  if (!(await q.lockEvent(ctx.sql, ctx.tenantId, id))) throw new AppError('NOT_FOUND');
  const e = await loadEvent(ctx, id);
  if (e.status === 'draft') throw new AppError('NOT_FOUND');
  if (!customerId) throw refused('event', 'event_no_member');
  const now = ctx.clock.now();
  if (e.status !== 'published' || e.signup_deadline <= now) throw refused('event', 'event_not_open');
  const own = await q.signupOf(ctx.sql, ctx.tenantId, id, customerId);
  if (own && own.status !== 'cancelled') return presentOwnerEvent(e, own, now);
  const traits = await q.customerTraits(ctx.sql, ctx.tenantId, customerId);
  if (!(await mayJoin(ctx, e, customerId, traits))) throw refused('event', 'event_not_for_you');
  const status = e.confirmed < e.capacity ? 'confirmed' : 'waiting';
  if (own) await q.reviveSignup(ctx.sql, ctx.tenantId, own.id, { ownerId: ctx.actor.id, status, at: now });
  else
    await q.insertSignup(ctx.sql, ctx.tenantId, {
      id: newRowId(),
      eventId: id,
      customerId,
      ownerId: ctx.actor.id,
      status,
      code: newTicketCode(),
      at: now,
    });
  const signup = await q.signupOf(ctx.sql, ctx.tenantId, id, customerId);
  await audit(ctx, { action: 'event.signed_up', target: { type: 'event', id }, details: { status } });
  return presentOwnerEvent(await loadEvent(ctx, id), signup, now);
};

/** Gives the seat (or the place on the waiting list) up; a seat goes to the first one waiting. */
export const cancelOwn = async (ctx: OwnerCtx, id: string): Promise<OwnerEvent> => {
  const customerId = await customerOf(ctx);
  if (!(await q.lockEvent(ctx.sql, ctx.tenantId, id))) throw new AppError('NOT_FOUND');
  const own = customerId ? await q.signupOf(ctx.sql, ctx.tenantId, id, customerId) : null;
  if (!own || own.status === 'cancelled') throw refused('event', 'event_signup_none');
  const was = await q.cancelSignup(ctx.sql, ctx.tenantId, own.id, ctx.clock.now());
  if (!was) throw refused('event', 'event_ticket_used');
  if (was === 'confirmed') await fillSeats(ctx, id);
  await audit(ctx, { action: 'event.signup_cancelled', target: { type: 'event', id }, details: { was } });
  return ownerEvent(ctx, id);
};

// ── 活动签到 (the advisor app) ─────────────────────────────────────────────────────────────────────────

const hourMs = 3_600_000;

/** Events to check in at now: published, from 6 hours before the start to 6 hours after the end. */
export const checkInList = async (ctx: StaffCtx) => {
  const now = ctx.clock.now().getTime();
  const rows = await q.checkInEvents(ctx.sql, ctx.tenantId, new Date(now - 6 * hourMs), new Date(now + 6 * hourMs));
  return {
    items: rows.map((e) => ({
      id: e.id,
      title: e.title,
      startsAt: e.starts_at.toISOString(),
      endsAt: e.ends_at.toISOString(),
      place: e.place,
      confirmed: e.confirmed,
      checkedIn: e.checked_in,
    })),
  };
};

/**
 * Checks a ticket in: once (a second scan is a 409 naming it), for its own event only, a seat not the
 * waiting list; the tenant's own tickets only (another tenant's code is unknown here). Earns the loyalty
 * "event check-in" points, once per sign-up (the ledger's source key).
 */
export const checkIn = async (ctx: StaffCtx, id: string, code: string) => {
  const event = await loadEvent(ctx, id);
  if (event.status !== 'published') throw refused('code', 'event_not_published');
  const ticket = await q.signupByCode(ctx.sql, ctx.tenantId, code);
  if (!ticket) throw refused('code', 'event_ticket_unknown');
  if (ticket.event_id !== id) throw refused('code', 'event_ticket_other_event');
  if (ticket.checked_in_at) throw refused('code', 'event_ticket_used');
  if (ticket.status !== 'confirmed') throw refused('code', 'event_ticket_not_confirmed');
  const now = ctx.clock.now();
  if (!(await q.markCheckedIn(ctx.sql, ctx.tenantId, ticket.id, now, ctx.actor.id)))
    throw refused('code', 'event_ticket_used');
  const earned = await earnByRule(ctx, {
    customerId: ticket.customer_id,
    rule: 'event',
    sourceId: ticket.id,
    storeId: event.store_id ?? ctx.actor.storeId,
  });
  const signups = await q.signupsOfEvent(ctx.sql, ctx.tenantId, id);
  const row = signups.find((s) => s.id === ticket.id);
  await audit(ctx, { action: 'event.checked_in', target: { type: 'event', id }, details: { signupId: ticket.id } });
  return {
    signupId: ticket.id,
    customerName: row?.name ?? '',
    checkedInAt: now.toISOString(),
    points: earned?.written ? (await programme(ctx)).settings.earn.eventCheckIn : 0,
  };
};
