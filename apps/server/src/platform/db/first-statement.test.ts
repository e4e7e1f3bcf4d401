import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { testApp } from '../../../test/harness.ts';
import { timeLiteral, tokenLiteral, uuidLiteral, wordLiteral } from './literals.ts';

describe("a transaction's first statement, sent with its opening", () => {
  test('literals admit only their shape', () => {
    const id = randomUUID();
    assert.equal(uuidLiteral(id.toUpperCase()), `'${id}'`);
    assert.equal(tokenLiteral('aZ09_-'), `'aZ09_-'`);
    assert.equal(wordLiteral('staff'), `'staff'`);
    assert.equal(timeLiteral(new Date('2026-01-02T03:04:05Z')), `'2026-01-02T03:04:05.000Z'::timestamptz`);
    for (const bad of ["x' OR '1'='1", `${id}'`, '', `${id}; DROP TABLE sessions`])
      assert.throws(() => uuidLiteral(bad), /not a safe SQL literal/);
    for (const bad of ["a'b", 'a b', '', 'x'.repeat(201)]) assert.throws(() => tokenLiteral(bad), /not a safe/);
    for (const bad of ["staff'", 'Staff', 'a-b']) assert.throws(() => wordLiteral(bad), /not a safe/);
    assert.throws(() => timeLiteral(new Date(Number.NaN)), /not a safe/);
  });

  test('runs as the application role in the tenant, and its rows reach the transaction', async () => {
    const { db } = await testApp();
    const tenantId = randomUUID();
    const first = {
      name: 'm4s_test_context',
      text: `SELECT current_setting('app.tenant_id') AS tenant, current_user AS who, $1::int + 1 AS n`,
      args: ["'41'"],
    };
    // Twice per connection at least: prepared the first time, executed after.
    for (let i = 0; i < 24; i++) {
      const rows = await db.transaction({ tenantId, first }, async (tx) => tx.first);
      assert.deepEqual(rows, [{ tenant: tenantId, who: 'm4s_app', n: 42 }]);
    }
  });

  test('a first statement that fails leaves the next ones working (its preparation is not lost track of)', async () => {
    const { db } = await testApp();
    const tenantId = randomUUID();
    const named = (arg: string) => ({ name: 'm4s_test_failing', text: 'SELECT $1::int AS n', args: [arg] });
    for (let i = 0; i < 12; i++) {
      await assert.rejects(db.transaction({ tenantId, first: named("'not a number'") }, async (tx) => tx.first));
      const rows = await db.transaction({ tenantId, first: named(`'${i}'`) }, async (tx) => tx.first);
      assert.deepEqual(rows, [{ n: i }]);
    }
  });

  test('a statement name that is not an identifier is refused before anything is sent', async () => {
    const { db } = await testApp();
    const first = { name: 'x; DROP TABLE sessions', text: 'SELECT 1', args: [] };
    await assert.rejects(
      db.transaction({ tenantId: randomUUID(), first }, async () => null),
      /not a statement name/,
    );
  });
});
