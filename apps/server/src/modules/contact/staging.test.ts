import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/harness.ts';
import { sweep } from '../care/sweep.ts';
import { stage, runGate, type TouchCandidate } from './gate.ts';
import { candidate, gate, inTenant, sqlIn, tenantWith } from './test-kit.ts';

// The gate and the sweep stage their work in tenant tables (migration 0044), not in temporary ones: a run's
// rows must never outlive it, and two runs for one tenant at once must neither see nor wait for each other.
const T = '2026-03-10T02:00:00Z';
const stagingTables = ['touch_candidates', 'touch_decisions', 'care_selection'] as const;

/** The tenant's rows in the staging tables, as another connection (the owner, past the tenant policy) sees them. */
const leftBehind = async (tenantId: string) => {
  const { db } = await testApp();
  const left: Record<string, number> = {};
  for (const table of stagingTables) {
    const { rows } = await db.owner.executeSql(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [
      tenantId,
    ]);
    left[table] = Number(rows[0]?.n);
  }
  return left;
};
const none = Object.fromEntries(stagingTables.map((t) => [t, 0]));

describe('contact gate: staging', () => {
  test('a run, a dry run, a sweep and a failed run leave no staged rows behind', async () => {
    const t = await tenantWith('');
    const made = await gate(t.id, [candidate(t, T), candidate(t, T, { channel: 'call', topic: 'win_back' })]);
    assert.deepEqual(
      made.map((o) => o.decision),
      ['sent', 'sent'],
    );
    await gate(t.id, [candidate(t, T, { topic: 'warranty' })], true);
    await inTenant(t.id, (ctx) => sweep(ctx, '2026-03-10', { dryRun: true }));
    await inTenant(t.id, (ctx) => sweep(ctx, '2026-03-10', { dryRun: false }));
    await assert.rejects(
      inTenant(t.id, async (ctx) => {
        await stage(ctx, [candidate(t, T, { topic: 'insurance' })]);
        throw new Error('the caller fails after staging');
      }),
      /the caller fails after staging/,
    );
    assert.deepEqual(await leftBehind(t.id), none);
    // The ids the run made (from its nonce, not gen_random_uuid()) are well-formed version-4 UUIDs.
    const ids = await sqlIn(
      t.id,
      `SELECT id::text FROM notifications WHERE tenant_id = $1 UNION ALL SELECT id::text FROM care_tasks WHERE tenant_id = $1`,
      [t.id],
    );
    assert.equal(ids.length, 2);
    for (const { id } of ids)
      assert.match(String(id), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('two transactions staging for one tenant at once decide only their own candidates, neither waiting', async (ctx) => {
    const { db } = await testApp();
    if (db.engine === 'pglite') return ctx.skip('the embedded engine runs one transaction at a time');
    const t = await tenantWith('');
    await sqlIn(t.id, `UPDATE tenants SET contact_policy = '{"weeklyMessages": 10}' WHERE id = $1`, [t.id]);
    // Both stage, then both wait until the other has staged (a staging that waited on the other's rows would
    // never arrive: the barrier gives up), then both run the gate. A key both staged goes once.
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothStaged = new Promise<void>((resolve) => (release = resolve));
    const run = (list: TouchCandidate[]) =>
      inTenant(t.id, async (c) => {
        await stage(c, list);
        if (++arrived === 2) release();
        await Promise.race([
          bothStaged,
          new Promise((_, reject) => setTimeout(() => reject(new Error('the other run never staged')), 15_000)),
        ]);
        return runGate(c, { dryRun: false });
      });
    const [a, b] = await Promise.all([
      run([
        candidate(t, T, { dedupeKey: 'a1', topic: 'warranty' }),
        candidate(t, T, { dedupeKey: 'a2', topic: 'insurance' }),
        candidate(t, T, { dedupeKey: 'shared', topic: 'inspection' }),
      ]),
      run([
        candidate(t, T, { dedupeKey: 'b1', topic: 'maintenance' }),
        candidate(t, T, { dedupeKey: 'shared', topic: 'inspection' }),
      ]),
    ]);
    assert.deepEqual(a?.map((o) => o.dedupeKey).sort(), ['a1', 'a2', 'shared']);
    assert.deepEqual(b?.map((o) => o.dedupeKey).sort(), ['b1', 'shared']);
    const shared = [...(a ?? []), ...(b ?? [])].filter((o) => o.dedupeKey === 'shared');
    assert.deepEqual(shared.map((o) => o.duplicate).sort(), [false, true]);
    const touches = await sqlIn(t.id, `SELECT dedupe_key FROM touches WHERE tenant_id = $1 ORDER BY 1`, [t.id]);
    assert.deepEqual(
      touches.map((r) => r.dedupe_key),
      ['a1', 'a2', 'b1', 'shared'],
    );
    assert.deepEqual(await leftBehind(t.id), none);
  });
});
