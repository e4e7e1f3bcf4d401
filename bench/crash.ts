/**
 * kill -9 under sustained writes, the long version (issue 13's proof suite): `npm run bench -- --only=crash`
 * (scripts/bench.mjs runs this file). Per engine, `--rounds=15` rounds of load → SIGKILL → restart on the
 * same data (apps/server/test/crash-kit.ts), then every job in flight waited for (pg-boss retries a job whose
 * process died once its expiry has passed: 120 s for a message), and every invariant checked:
 *   --rounds=15 --engines=postgres,pglite --settle=180 --out=<file for the markdown>
 * Exits 1 if any invariant failed.
 */
import { writeFileSync } from 'node:fs';
import { runCrash, type CrashReport, type Engine } from '../apps/server/test/crash-kit.ts';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const rounds = Number(arg('rounds', '15'));
const engines = arg('engines', 'postgres,pglite').split(',') as Engine[];
const settleS = Number(arg('settle', '180'));
const out = arg('out', '');

const problems = (r: CrashReport) => [
  ...r.lost.map((l) => `lost: ${l}`),
  ...r.importProblems,
  ...(r.slotMismatches ? [`${r.slotMismatches} slot counters differ from their bookings`] : []),
  ...(r.sms.deliveredTwice ? [`${r.sms.deliveredTwice} SMS delivered twice`] : []),
  ...(r.sms.sentNotDeliveredOnce ? [`${r.sms.sentNotDeliveredOnce} SMS marked sent but not delivered once`] : []),
  ...(r.sms.orphanedSends ? [`${r.sms.orphanedSends} SMS queued with no job`] : []),
  ...(r.sms.stillQueued - r.sms.deferred > 0
    ? [`${r.sms.stillQueued - r.sms.deferred} SMS still queued after ${settleS} s (not deferred to quiet hours' end)`]
    : []),
  ...(r.importsPending ? [`${r.importsPending} acknowledged imports still waiting for their job`] : []),
  ...(r.inbox.duplicates ? [`${r.inbox.duplicates} inbox messages delivered twice`] : []),
  ...r.rounds.filter((x) => x.missingAfterRestart).map((x) => `round ${x.round}: ${x.missingAfterRestart} missing`),
];

const reports: CrashReport[] = [];
for (const engine of engines) {
  const r = await runCrash({
    engine,
    rounds,
    settleMs: settleS * 1000,
    settleFully: true,
    log: (line) => console.log(`crash: ${line}`),
  });
  reports.push(r);
  console.log(`crash: ${engine}: ${JSON.stringify({ ...r, rounds: undefined })}`);
}

const lines = [
  `### kill -9 under sustained writes: ${rounds} rounds per engine`,
  '',
  `The real server process (\`src/main.ts\`, demo group with 60 customers), 6 concurrent writers through the HTTP API (40% staff bookings, 25% owner bookings, 35% new customers) and one 300-row DMS import per round; SIGKILL after 1.5–4 s of load, restart on the same data; then ${settleS} s for the jobs in flight (pg-boss retries a job whose process died once its expiry has passed), the server stopped and the database read directly. SMS go to a stand-in SMS cloud on loopback that counts each message it receives (apps/server/test/crash-kit.ts).`,
  '',
  '| Engine | Rounds | Acknowledged (bookings / customers / imports) | Cut by the kills | Lost | Slot counters wrong | Imports not done once | SMS: queued / sent / interrupted (not resent) / deferred / delivered twice | Restart (mean) | Time |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...reports.map((r) => {
    const cut = r.rounds.reduce((a, x) => a + x.cut, 0);
    const restart = r.rounds.reduce((a, x) => a + x.restartMs, 0) / Math.max(1, r.rounds.length);
    return `| ${r.engine === 'postgres' ? 'PostgreSQL 15' : 'PGlite'} | ${r.rounds.length} | ${r.acked.bookings} / ${r.acked.customers} / ${r.acked.imports} | ${cut} | **${r.lost.length}** | **${r.slotMismatches}** | **${r.importProblems.length + r.importsPending}** | ${r.sms.queued} / ${r.sms.sent} / ${r.sms.failedInterrupted} / ${r.sms.deferred} / **${r.sms.deliveredTwice}** | ${(restart / 1000).toFixed(1)} s | ${(r.totalMs / 1000).toFixed(0)} s |`;
  }),
  '',
  ...reports.map((r) => {
    const p = problems(r);
    return `- ${r.engine}: ${p.length === 0 ? 'every invariant held' : `FAILED: ${p.join('; ')}`}. Bookings after the run: ${r.bookingStatusNote}.`;
  }),
];
const md = `${lines.join('\n')}\n`;
if (out) writeFileSync(out, md);
console.log(md);
process.exitCode = reports.some((r) => problems(r).length > 0) ? 1 : 0;
