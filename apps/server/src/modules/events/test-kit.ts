import assert from 'node:assert/strict';
import type { EventInput } from '@m4s/contracts';
import { signInOwner, testClock, type Agent } from '../../../test/harness.ts';
import { asNight, loyaltyWorld, sqlOwner, type LoyaltyWorld } from '../loyalty/test-kit.ts';

export { asNight, sqlOwner };
export type EventWorld = LoyaltyWorld;

/** The loyalty world (an owner bound to the test car, an admin, an advisor, a cashier) for events. */
export const eventWorld = (): Promise<EventWorld> => loyaltyWorld();

const hourMs = 3_600_000;
const at = (hours: number) => new Date(testClock.now().getTime() + hours * hourMs).toISOString();

/** A lecture two days ahead (sign-up open until a day before), `capacity` seats. */
export const eventInputOf = (over: Partial<EventInput> = {}): EventInput => ({
  title: '冬季爱车讲堂',
  kind: 'lecture',
  description: '冬季用车与电瓶保养',
  storeId: null,
  startsAt: at(48),
  endsAt: at(50),
  place: '一号店二楼讲堂',
  capacity: 10,
  signupDeadline: at(24),
  costFen: 0,
  ...over,
});

export const createEvent = async (admin: Agent, over: Partial<EventInput> = {}, publish = true) => {
  const res = await admin.send('POST', '/api/events', eventInputOf(over));
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json<{ id: string }>().id;
  if (publish) {
    const published = await admin.send('POST', `/api/events/${id}/publish`);
    assert.equal(published.statusCode, 200, published.body);
  }
  return id;
};

let serial = 0;
/**
 * Another customer of the tenant with a phone and an app account signed in on it (the account finds its
 * customer by the phone): a second owner after the same seat.
 */
export const anotherOwner = async (w: { t: { id: string; slug: string } }, name = '第二位车主') => {
  serial++;
  const phone = `1370${String(process.pid % 1000).padStart(3, '0')}${String(serial).padStart(4, '0')}`;
  const [c] = await sqlOwner(
    `INSERT INTO customers (tenant_id, name, source) VALUES ($1, $2, 'walk_in') RETURNING id`,
    [w.t.id, name],
  );
  const customerId = String(c?.id);
  await sqlOwner(`INSERT INTO customer_phones (tenant_id, customer_id, phone, is_primary) VALUES ($1, $2, $3, true)`, [
    w.t.id,
    customerId,
    phone,
  ]);
  return { customerId, phone, agent: await signInOwner(w.t.slug, phone) };
};

export const signUp = (owner: Agent, id: string) => owner.send('POST', `/api/owner/activities/${id}/signup`);

/** Tenant B's event rows for the cross-tenant suite and the fuzz world: an event and its owner's sign-up. */
export const eventRowsFor = async (t: { id: string; customerId: string }) => {
  const [e] = await sqlOwner(
    `INSERT INTO events (tenant_id, title, kind, starts_at, ends_at, place, capacity, signup_deadline, audience,
       status, created_at)
     VALUES ($1, '越界活动', 'club', now() + interval '2 days', now() + interval '3 days', '越界', 5,
       now() + interval '1 day', '{"kind":"all"}', 'published', now()) RETURNING id`,
    [t.id],
  );
  const eventId = String(e?.id);
  const [s] = await sqlOwner(
    `INSERT INTO event_signups (tenant_id, event_id, customer_id, status, ticket_code, signed_up_at)
     VALUES ($1, $2, $3, 'confirmed', upper(substr(md5(random()::text), 1, 10)), now()) RETURNING id`,
    [t.id, eventId, t.customerId],
  );
  return { eventId, signupId: String(s?.id) };
};
