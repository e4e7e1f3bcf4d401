import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCrash, type Engine } from './crash-kit.ts';

/**
 * kill -9 under sustained writes, the short version (issue 13's proof suite): the real server process on
 * the engine of this run (PostgreSQL in the PostgreSQL stage — a cluster of its own —, a PGlite data
 * directory otherwise), 3 rounds of load → SIGKILL → restart on the same data. The long version (15 rounds
 * per engine, every job in flight waited for) is `npm run bench -- --only=crash`. docs/proof-suites.md.
 */
const engine: Engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';

describe(`kill -9 under sustained writes (${engine})`, () => {
  test(
    'every acknowledged write survives 3 kills, nothing is half written, no message leaves twice',
    { timeout: 420_000 },
    async () => {
      const lines: string[] = [];
      const r = await runCrash({
        engine,
        rounds: 3,
        loadMs: [1200, 3000],
        log: (line) => lines.push(line),
      });
      const context = `${lines.join('\n')}\n${JSON.stringify(r)}`;
      // The load wrote something each round (else the kills proved nothing).
      assert.ok(r.acked.bookings > 0 && r.acked.customers > 0, context);
      assert.ok(
        r.rounds.every((x) => x.acked > 0),
        context,
      );
      // Every write the server acknowledged is there after the restarts, and answered right after each one.
      assert.deepEqual(r.lost, [], context);
      assert.ok(
        r.rounds.every((x) => x.missingAfterRestart === 0),
        context,
      );
      // No half write: every slot counter equals the bookings holding its places.
      assert.equal(r.slotMismatches, 0, context);
      // Imports acknowledged (queued) ran once to the end, or still have their job to run them.
      assert.deepEqual(r.importProblems, [], context);
      // Messages: none left the machine twice, every one marked sent left exactly once, none lost its job.
      assert.equal(r.sms.deliveredTwice, 0, context);
      assert.equal(r.sms.sentNotDeliveredOnce, 0, context);
      assert.equal(r.sms.orphanedSends, 0, context);
      assert.equal(r.inbox.duplicates, 0, context);
    },
  );
});
