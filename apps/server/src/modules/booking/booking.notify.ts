import type { Ctx } from '../../platform/context.ts';
import { publishToStoreAfterCommit } from '../../platform/events.ts';
import { dayWordsZh, slotWordsZh } from '../../platform/time/words-zh.ts';
import { addDays, localOf } from '../../platform/time/zone.ts';
import { sendTransactional, type Notice, type NoticeEvent } from '../contact/transactional.ts';
import { currentTenant } from '../tenants/tenants.service.ts';
import * as q from './booking.queries.ts';
import { reminderSchedule } from './reminder.schedule.ts';

/** Tells the store's staff streams (the advisor's board) once committed: a booking came, went or moved. */
export const announceBooking = (
  ctx: Ctx,
  b: { id: string; storeId: string },
  change: 'created' | 'cancelled' | 'rescheduled',
) =>
  publishToStoreAfterCommit(ctx, b.storeId, {
    type: 'booking',
    data: { bookingId: b.id, change, at: ctx.clock.now().toISOString() },
  });

/** Where the owner app shows a booking (its confirmation page). */
export const bookingLink = (id: string) => `/bookings/${id}`;

/** The app accounts that hear about a booking: its booker, or (booked by staff) the car's confirmed owners. */
const recipientsOf = async (ctx: Ctx, b: { ownerId: string | null; vehicleId: string }) => {
  if (b.ownerId) {
    const owner = await q.ownerById(ctx.db, ctx.tenantId, b.ownerId);
    return owner ? [owner] : [];
  }
  return q.confirmedOwnersOf(ctx.db, ctx.tenantId, b.vehicleId);
};

/** 孙先生: the app account's name, else the customer's surname with 先生/女士, else 客户. */
const greetingOf = (ownerName: string | null, customer: { name: string; gender: 'male' | 'female' | null }) => {
  if (ownerName) return ownerName;
  const surname = customer.name.trim().slice(0, 1);
  if (surname && customer.gender) return `${surname}${customer.gender === 'male' ? '先生' : '女士'}`;
  return '客户';
};

/** 行驶证、保养手册 → 行驶证和保养手册 (a list as a sentence says it). */
const listZh = (text: string | null): string | null => {
  const items = (text ?? '')
    .split(/[、,，;；]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) return null;
  if (items.length === 1) return items[0] ?? null;
  return `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
};

const bringWords = (bring: string | null) => {
  const list = listZh(bring);
  return list ? `请携带${list}按时到店` : '请按时到店';
};

/** The booking a message is about: whom it concerns is known from these, before its details are read. */
type BookingRef = { id: string; ownerId: string | null; vehicleId: string; customerId: string };

/**
 * One event of a booking through the contact gate (kind transactional, topic booking). The key names
 * the booking and the event: each booking is confirmed, cancelled and reminded at most once (a
 * reschedule is a new booking), so a retried job finds its key in the ledger and sends nothing twice.
 */
const eventOf = (ref: BookingRef, what: 'confirmed' | 'cancelled' | 'reminder'): NoticeEvent => ({
  customerId: ref.customerId,
  vehicleId: ref.vehicleId,
  source: 'booking',
  topic: 'booking',
  ruleKey: what === 'reminder' ? 'booking_reminder' : null,
  key: `booking:${ref.id}:${what}`,
});

/** The same inbox message to each app account, each its own touch. */
const inboxTo = (owners: readonly { id: string }[], msg: Omit<Notice, 'channel' | 'address' | 'recipientKey'>) =>
  owners.map((o): Notice => ({ channel: 'inbox', address: o.id, recipientKey: `${o.id}:inbox`, ...msg }));

/**
 * What a confirmation says of the reminder, from the reminder job's own schedule (reminderSchedule):
 * when it will come, or that none will (the booking is too close, or the tenant sends none).
 */
export const reminderWordsZh = (at: Date | null, zone: string) =>
  at ? `我们将于${slotWordsZh(at, zone)}短信提醒您。` : '本次预约不再另行短信提醒，请留意预约时间。';

/**
 * 预约成功 in the owner's 消息中心 (transactional): the slot, the store, the service, what to bring, and
 * when the reminder comes. A reschedule says 预约已改约 with the old and the new time, and links to the
 * new booking (the old one is cancelled: its page says 已改约 and links here too).
 * The recipients come first: a phone booking for a car without an app account (most of them) then skips
 * reading the booking's details, a join that costs more to plan than to run (bench/RESULTS.md).
 */
export const confirmToInbox = async (ctx: Ctx, ref: BookingRef) => {
  const recipients = await recipientsOf(ctx, ref);
  if (recipients.length === 0) return;
  const r = await q.bookingById(ctx.db, ctx.tenantId, ref.id);
  if (!r) return;
  const { timezone } = await currentTenant(ctx);
  const when = slotWordsZh(r.b.startsAt, timezone);
  const reminder = reminderWordsZh((await reminderSchedule(ctx))(r.b), timezone);
  const where = `${r.store.name} ${r.type.name}，地址：${r.store.address}。${bringWords(r.type.bring)}。${reminder}`;
  const old = r.b.rescheduledFrom ? await q.bookingRow(ctx.db, ctx.tenantId, r.b.rescheduledFrom) : null;
  await sendTransactional(
    ctx,
    eventOf(ref, 'confirmed'),
    inboxTo(recipients, {
      noticeTopic: 'booking_confirmed',
      title: old ? '预约已改约' : '预约成功',
      body: old ? `您${slotWordsZh(old.startsAt, timezone)}的预约已改约至${when} ${where}` : `您已预约${when} ${where}`,
      link: bookingLink(r.b.id),
    }),
  );
};

/** 预约已取消 for the car's app accounts when the store cancels (an owner's own cancel needs no message). */
export const cancelToInbox = async (ctx: Ctx, ref: BookingRef) => {
  const recipients = await recipientsOf(ctx, ref);
  if (recipients.length === 0) return;
  const r = await q.bookingById(ctx.db, ctx.tenantId, ref.id);
  if (!r) return;
  const { timezone } = await currentTenant(ctx);
  await sendTransactional(
    ctx,
    eventOf(ref, 'cancelled'),
    inboxTo(recipients, {
      noticeTopic: 'booking_cancelled',
      title: '预约已取消',
      body: `您${slotWordsZh(r.b.startsAt, timezone)}在${r.store.name}的${r.type.name}预约已取消。如有疑问请致电${r.store.phone ?? '门店'}。`,
      link: bookingLink(r.b.id),
    }),
  );
};

/**
 * The day-before reminder: an SMS through the outbox to the booker's phone (the customer's, when staff
 * booked) and the same words in the app's inbox. 明天 when sent the day before, as it normally is.
 */
export const sendReminder = async (ctx: Ctx, bookingId: string) => {
  const r = await q.bookingById(ctx.db, ctx.tenantId, bookingId);
  if (!r) return;
  const tenant = await currentTenant(ctx);
  const slot = localOf(r.b.startsAt, tenant.timezone);
  const today = localOf(ctx.clock.now(), tenant.timezone).day;
  const dayWords =
    slot.day === addDays(today, 1) ? '明天' : slot.day === today ? '今天' : dayWordsZh(r.b.startsAt, tenant.timezone);
  const what = `您预约的${dayWords} ${slot.time} ${r.store.name} ${r.type.name}，${bringWords(r.type.bring)}。`;
  const recipients = await recipientsOf(ctx, r.b);
  const booker = r.b.ownerId ? recipients[0] : undefined;
  const phone = booker?.phone ?? r.phone;
  const sms: Notice[] = phone
    ? [
        {
          channel: 'sms',
          address: phone,
          recipientKey: `${booker?.id ?? 'customer'}:sms`,
          noticeTopic: 'booking_reminder',
          title: null,
          body: `【${tenant.shortName}】尊敬的${greetingOf(booker?.name ?? null, r.customer)}，${what}如需改约请在App中操作。`,
          link: null,
        },
      ]
    : [];
  await sendTransactional(ctx, eventOf(r.b, 'reminder'), [
    ...sms,
    ...inboxTo(recipients, {
      noticeTopic: 'booking_reminder',
      title: '预约提醒',
      body: what,
      link: bookingLink(r.b.id),
    }),
  ]);
};
