import assert from 'node:assert/strict';
import type { Referral } from '@m4s/contracts';
import { signInOwner, type Agent } from '../../../test/harness.ts';
import { sqlOwner } from '../loyalty/test-kit.ts';
import type { VisitWorld } from '../visits/test-kit.ts';

let n = 0;
/** A phone no test has used yet in this file's tenant. */
export const freshPhone = () =>
  `139${String(Date.now() % 100_000).padStart(5, '0')}${String(++n % 1000).padStart(3, '0')}`;

/** The referrer's code, as their owner app shows it. */
export const codeOf = async (owner: Agent) => {
  const res = await owner.get('/api/owner/referrals');
  assert.equal(res.statusCode, 200, res.body);
  const code = res.json<{ code: string | null }>().code;
  assert.ok(code);
  return code;
};

/** A new owner signs in with `phone` and asks for a first service with the code. */
export const leadInApp = async (slug: string, phone: string, code: string, name = '李四') => {
  const newcomer = await signInOwner(slug, phone);
  const res = await newcomer.send('POST', '/api/owner/referrals', { code, channel: 'service', name });
  assert.equal(res.statusCode, 201, res.body);
  return { newcomer, referral: res.json<Referral>() };
};

/** The referred person becomes a customer at the desk, with a car; their ids. */
export const becomeCustomer = async (w: VisitWorld, phone: string, vin: string) => {
  const c = await w.admin.send('POST', '/api/customers', { name: '李四', phones: [phone], source: 'walk_in' });
  assert.equal(c.statusCode, 201, c.body);
  const customerId = c.json<{ id: string }>().id;
  const [car] = await sqlOwner('INSERT INTO vehicles (tenant_id, vin, owner_id) VALUES ($1, $2, $3) RETURNING id', [
    w.t.id,
    vin,
    customerId,
  ]);
  return { customerId, vehicleId: String(car?.id) };
};

/** A visit of the customer's car, ready for delivery with one approved ¥`yuan` line (written directly). */
export const readyVisitOf = async (
  w: VisitWorld,
  who: { customerId: string; vehicleId: string },
  fen: number,
  storeId = w.t.storeId,
) => {
  const [visit] = await sqlOwner(
    `INSERT INTO visits (tenant_id, store_id, customer_id, vehicle_id, status, checked_in_at, mileage_km)
     VALUES ($1, $2, $3, $4, 'ready', now(), 20000) RETURNING id`,
    [w.t.id, storeId, who.customerId, who.vehicleId],
  );
  const id = String(visit?.id);
  await sqlOwner(
    `INSERT INTO estimate_lines (tenant_id, visit_id, position, kind, description, amount_fen, status, proposed_at)
     VALUES ($1, $2, 0, 'labour', '首保工时', $3, 'approved', now())`,
    [w.t.id, id, fen],
  );
  return id;
};

export const referralRow = async (id: string) => {
  const [row] = await sqlOwner('SELECT status, reason, reward_points, reward_source FROM referrals WHERE id = $1', [
    id,
  ]);
  return row;
};

/** A tenant's referral rows for the cross-tenant suite: the test customer's code and one referral. */
export const referralRowsFor = async (t: { id: string; storeId: string; customerId: string }) => {
  await sqlOwner(
    `INSERT INTO referral_codes (tenant_id, customer_id, code, created_at) VALUES ($1, $2, upper(substr(md5(random()::text), 1, 8)), now())
     ON CONFLICT DO NOTHING`,
    [t.id, t.customerId],
  );
  const [row] = await sqlOwner(
    `INSERT INTO referrals (tenant_id, code, referrer_id, channel, referred_phone, referred_name, store_id, status,
       created_at)
     SELECT tenant_id, code, customer_id, 'walk_in', '139' || substr(md5(random()::text), 1, 8), '越界', $2, 'invited', now()
     FROM referral_codes WHERE tenant_id = $1 AND customer_id = $3 RETURNING id, code`,
    [t.id, t.storeId, t.customerId],
  );
  return { referralId: String(row?.id), code: String(row?.code) };
};
