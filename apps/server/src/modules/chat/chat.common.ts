import { randomUUID } from 'node:crypto';
import type { ChatKind, ChatMessageInput } from '@m4s/contracts';
import { chatMessageInput } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { publishAfterCommit, publishChatAfterCommit } from '../../platform/events.ts';
import { reencoded } from '../../platform/photos.ts';
import { addDays, defaultTimeZone, localOf } from '../../platform/time/zone.ts';
import { businessMinutesBetween, type WorkCalendar } from '../../platform/time/work-calendar.ts';
import { tenantWorkCalendar } from '../calendar/calendar.service.ts';
import * as q from './chat.queries.ts';

/** What the owner and staff sides share: a message's intake, the calendar, the live events. */

export const newId = () => randomUUID();

/** The text and the re-encoded photo (decoded and encoded again, no EXIF/GPS: platform/photos.ts). */
export const intake = async (input: ChatMessageInput) => {
  const data = chatMessageInput.parse(input);
  const photo = data.photo ? await reencoded(data.photo) : null;
  return { text: data.text, photo };
};

export const preview = (text: string, photo: string | null) =>
  text ? (text.length > 60 ? `${text.slice(0, 60)}…` : text) : photo ? '[图片]' : '';

/** The tenant's working calendar around now (business hours, holidays, its own days); a month back for waits. */
export const calendarNow = async (ctx: Ctx): Promise<WorkCalendar> => {
  const today = localOf(ctx.clock.now(), defaultTimeZone).day;
  return tenantWorkCalendar(ctx, { from: addDays(today, -31), to: addDays(today, 2) });
};

export const isOpen = (cal: WorkCalendar, at: Date) =>
  businessMinutesBetween(cal, at, new Date(at.getTime() + 120_000)) >= 1;

/** Tells both sides after commit: the owners holding the customer's cars, and the staff of the store. */
export const announce = async (
  ctx: Ctx,
  c: { id: string; kind: ChatKind; storeId: string; customerId: string },
  sides: { owners: boolean; staff: boolean },
) => {
  const event = {
    type: 'chat' as const,
    data: { conversationId: c.id, kind: c.kind, at: ctx.clock.now().toISOString() },
  };
  if (sides.owners) publishAfterCommit(ctx, await q.ownersOfCustomer(ctx.sql, ctx.tenantId, c.customerId), event);
  if (sides.staff) publishChatAfterCommit(ctx, c.storeId, event);
};
