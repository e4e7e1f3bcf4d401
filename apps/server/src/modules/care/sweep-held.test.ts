import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant } from '../../../test/harness.ts';
import { inTenant, sqlIn } from '../contact/test-kit.ts';
import { sweep } from './sweep.ts';
import { addCustomer, addVehicle, shiftDay } from './test-kit.ts';

const D = '2030-06-14';
const local = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

describe('the nightly sweep brings back what a cap held (issue 11 point 6d)', () => {
  test('held on its day, sent by the sweep of the day the week frees up — once, whichever nights run', async () => {
    const t = await createTestTenant(['group_admin']);
    const c = await addCustomer(t);
    await addVehicle(t, c, { insuranceExpiry: shiftDay(D, 30) });
    // Two care SMS this week already: the weekly cap (2) is full until the first leaves the window.
    for (const [days, topic] of [
      [-3, 'inspection'],
      [-1, 'warranty'],
    ] as const)
      await sqlIn(
        t.id,
        `INSERT INTO touches (tenant_id, customer_id, source, topic, kind, channel, decision, due_at, send_at, dedupe_key)
         VALUES ($1, $2, 'staff', $3, 'care', 'sms', 'sent', $4, $4, $5)`,
        [t.id, c, topic, local(shiftDay(D, days), '10:00'), `seed:${topic}`],
      );
    const night = (day: string) =>
      inTenant(t.id, (ctx) => sweep(ctx, day, { dryRun: false })).then((r) =>
        r.outcomes.filter((o) => o.customerId === c && o.ruleKey === 'insurance_30d'),
      );
    const [held] = await night(D);
    assert.deepEqual(
      [held?.decision, held?.reason, held?.sendAt],
      ['held', 'weekly_cap', local(shiftDay(D, 4), '10:00').toISOString()],
    );
    assert.equal((await night(shiftDay(D, 2))).length, 0, 'not before its window');
    // The nights of D+4 and D+5 did not run; D+6 catches up: due at that night's message hour.
    const [sent] = await night(shiftDay(D, 6));
    assert.deepEqual([sent?.decision, sent?.sendAt], ['sent', local(shiftDay(D, 6), '10:00').toISOString()]);
    assert.equal((await night(shiftDay(D, 6))).length, 0, 'the night again: nothing');
    const rows = await sqlIn(
      t.id,
      `SELECT decision, due_at, notification_id FROM touches WHERE tenant_id = $1 AND rule_key = 'insurance_30d'`,
      [t.id],
    );
    assert.equal(rows.length, 1);
    assert.ok(rows[0]?.notification_id);
    const notes = await sqlIn(t.id, `SELECT body FROM notifications WHERE tenant_id = $1`, [t.id]);
    assert.equal(notes.length, 1);
    assert.match(String(notes[0]?.body), /商业保险将于/);
  });
});
