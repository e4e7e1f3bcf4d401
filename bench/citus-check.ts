// The Citus steps of scripts/citus.mjs that need the server's code (run with `node --import tsx`, DATABASE_URL
// naming the coordinator):
//   migrate  the migrations and the distribution step, as the server runs them on start; prints the layout.
//   check    drives the hot paths through the app as a client would, records every statement they send,
//            and EXPLAINs each in its tenant's context: one that plans more than one task (shard) fails.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrate, migrationsFolder } from '../apps/server/src/platform/db/migrate.ts';
import { openPostgres } from '../apps/server/src/platform/db/postgres.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must name the Citus coordinator');
const mode = process.argv[2];

const layout = async () => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ kind: string; n: string; names: string }>(
    `SELECT citus_table_type AS kind, count(*) AS n, string_agg(table_name::text, ', ' ORDER BY table_name::text) AS names
     FROM citus_tables GROUP BY 1 ORDER BY 1`,
  );
  const local = await c.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'citus', 'columnar', 'columnar_internal')
       AND NOT EXISTS (SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = c.oid) ORDER BY 1`,
  );
  await c.end();
  for (const r of rows) console.log(`${r.kind}: ${r.n} tables`);
  console.log(`local on the coordinator: ${local.rows.map((r) => r.name).join(', ') || 'none'}`);
};

if (mode === 'migrate') {
  // As an upgrade would: the migrations but the last CITUS_UPGRADE_LAST (default 3) first, distributed; then
  // the rest applied to the distributed database (each statement alone on Citus: platform/db/migrate.ts).
  const last = Number(process.env.CITUS_UPGRADE_LAST ?? 3);
  const older = mkdtempSync(path.join(tmpdir(), 'm4s-migrations-'));
  cpSync(migrationsFolder, older, { recursive: true });
  const journalFile = path.join(older, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const later = journal.entries.slice(journal.entries.length - last).map((e) => e.tag);
  journal.entries = journal.entries.slice(0, journal.entries.length - last);
  writeFileSync(journalFile, JSON.stringify(journal));
  const db = await openPostgres(url, 2);
  let started = Date.now();
  const first = await migrate(db, older);
  rmSync(older, { recursive: true, force: true });
  console.log(
    `${first} migration(s) applied and the schema distributed in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
  started = Date.now();
  const applied = await migrate(db);
  await db.close();
  console.log(
    `upgrade: ${applied} later migration(s) (${later.join(', ')}) applied to the distributed database in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
  await layout();
} else if (mode === 'check') {
  await check();
} else {
  throw new Error('usage: citus-check.ts migrate|check');
}

type Recorded = { text: string; values: unknown[] };

async function check() {
  // Every statement any pooled connection sends while `recording` is set (the app's own, not the setup's).
  let recording: Recorded[] | null = null;
  const prepared = new Map<string, string>();
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the client as `this`
  const original = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args;
    // The first statements are PREPAREd once per connection: remember each one's text.
    if (typeof first === 'string')
      for (const m of first.matchAll(/PREPARE (\w+) AS ([\s\S]*?);\s*EXECUTE \1\(/g))
        prepared.set(m[1] ?? '', m[2] ?? '');
    if (recording) {
      if (typeof first === 'string') recording.push({ text: first, values: Array.isArray(second) ? second : [] });
      else if (first && typeof first === 'object' && 'text' in first)
        recording.push({
          text: String(first.text),
          values: (first as { values?: unknown[] }).values ?? (Array.isArray(second) ? second : []),
        });
    }
    return original.apply(this, args);
  } as typeof pg.Client.prototype.query;

  // The harness and the test kits build what a tenant's hot paths need, through the app, as the tests do.
  const { testApp, testClock } = await import('../apps/server/test/harness.ts');
  const kit = await import('../apps/server/src/modules/booking/test-kit.ts');
  const { visitRowsFor } = await import('../apps/server/src/modules/visits/test-kit.ts');
  await testApp();
  const setup = await kit.bookableStore({ bays: 2, walkInSharePct: 0, onlineSharePct: 100 }, 2, [
    'group_admin',
    'service_manager',
    'service_advisor',
  ]);
  const { t, admin, serviceTypeId } = setup;
  const [owner] = await kit.ownersWithCars(t, 1);
  if (!owner) throw new Error('no owner');
  await visitRowsFor(t);
  const day = kit.targetDay();
  void testClock;

  const ok = (res: { statusCode: number; body: string }, what: string) => {
    if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    return res;
  };
  const hotPaths: [string, () => Promise<unknown>][] = [
    [
      'customer list (segment class)',
      async () => ok(await admin.get('/api/segments/customers?dimension=frequency&value=churned'), 'customer list'),
    ],
    [
      'customer search (name)',
      async () => ok(await admin.get(`/api/customers?q=${encodeURIComponent('测试')}`), 'search'),
    ],
    ['customer search (phone)', async () => ok(await admin.get('/api/customers?q=1300000'), 'search')],
    ['customer 360', async () => ok(await admin.get(`/api/customers/${t.customerId}/overview`), 'customer 360')],
    [
      'booking slots (owner app)',
      async () => ok(await owner.agent.get(`/api/owner/stores/${t.storeId}/availability?from=${day}&days=7`), 'slots'),
    ],
    [
      'booking create (owner app)',
      async () => {
        const res = await owner.agent.get(`/api/owner/stores/${t.storeId}/availability?from=${day}&days=1`);
        const slot = res
          .json<{ days: { slots: { startsAt: string; free: number }[] }[] }>()
          .days[0]?.slots.find((s) => s.free > 0);
        if (!slot) throw new Error('no free slot');
        recording = [];
        return ok(
          await kit.book(owner.agent, {
            vehicleId: owner.vehicleId,
            storeId: t.storeId,
            serviceTypeId,
            startsAt: slot.startsAt,
          }),
          'booking create',
        );
      },
    ],
    ['visit board', async () => ok(await admin.get(`/api/visits/board?storeId=${t.storeId}`), 'board')],
    ['care due (tasks)', async () => ok(await admin.get('/api/care/tasks?scope=store'), 'care tasks')],
    ['owner garage', async () => ok(await owner.agent.get('/api/owner/vehicles'), 'garage')],
  ];

  const explainer = new pg.Client({ connectionString: url, options: '-c citus.propagate_set_commands=local' });
  await explainer.connect();
  // Not the hot paths' own: transaction control, and the job runner polling its queue (pg-boss, coordinator-local).
  const skip = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET|SHOW|select 1\s*$)|pgboss\./i;
  // The contact gate's transaction-local staging tables (CREATE TEMP TABLE … ON COMMIT DROP) exist only inside
  // the request's transaction: their statements are counted, as temp (coordinator-local), not EXPLAINed.
  const temp = /touch_candidates|touch_decisions|CREATE TEMP/i;
  /** Task counts of every Citus scan in the plan (subplans included); [] when no distributed table is read. */
  const taskCounts = (plan: unknown): number[] => {
    const out: number[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) {
        if (k === 'Task Count' && typeof v === 'number') out.push(v);
        else walk(v);
      }
    };
    walk(plan);
    return out;
  };
  /** EXPLAIN of one recorded statement in the tenant's context: the first one of a transaction is PREPAREd there. */
  const explain = async (s: Recorded): Promise<{ text: string; tasks: number[] } | null> => {
    let text = s.text;
    const values = s.values;
    let prepare: string | null = null;
    const exec = /EXECUTE (\w+)(\([^;]*\))\s*$/.exec(s.text);
    if (exec) {
      const body = prepared.get(exec[1] ?? '');
      if (body === undefined) throw new Error(`no PREPARE seen for ${exec[1]}`);
      prepare = `PREPARE m4s_explain_${exec[1]} AS ${body}`;
      text = `EXECUTE m4s_explain_${exec[1]}${exec[2]}`;
    } else if (skip.test(s.text)) return null;
    await explainer.query(`BEGIN; SET LOCAL ROLE m4s_app; SET LOCAL app.tenant_id = '${t.id}'`);
    try {
      if (prepare) await explainer.query(prepare);
      const res = await explainer.query(`EXPLAIN (FORMAT JSON) ${text}`, values);
      const plan = (res.rows[0] as Record<string, unknown>)['QUERY PLAN'];
      return { text: prepare ? prepare.replace(/^PREPARE \w+ AS /, '') : text, tasks: taskCounts(plan) };
    } finally {
      await explainer.query('ROLLBACK');
      if (prepare) await explainer.query('DEALLOCATE ALL');
    }
  };

  const table: string[] = [
    '| hot path | statements | one shard | reference/local only | more than one shard |',
    '|---|---:|---:|---:|---:|',
  ];
  const failures: string[] = [];
  for (const [name, fn] of hotPaths) {
    recording = [];
    let failedWith: string | null = null;
    try {
      await fn();
    } catch (error) {
      failedWith = (error as Error).message.slice(0, 200);
    }
    const statements: Recorded[] = recording;
    recording = null;
    if (failedWith !== null) failures.push(`${name}: the request failed: ${failedWith}`);
    let single = 0;
    let none = 0;
    let multi = 0;
    let total = 0;
    for (const s of statements) {
      if (temp.test(s.text)) {
        total += 1;
        none += 1;
        continue;
      }
      let e: Awaited<ReturnType<typeof explain>>;
      try {
        e = await explain(s);
      } catch (error) {
        await explainer.query('ROLLBACK').catch(() => undefined);
        failures.push(
          `${name}: EXPLAIN failed (${(error as Error).message}): ${s.text.replace(/\s+/g, ' ').slice(0, 300)}`,
        );
        multi += 1;
        total += 1;
        continue;
      }
      if (!e) continue;
      total += 1;
      if (e.tasks.length === 0) none += 1;
      else if (e.tasks.every((n) => n === 1)) single += 1;
      else {
        multi += 1;
        failures.push(`${name}: ${Math.max(...e.tasks)} tasks: ${e.text.replace(/\s+/g, ' ').slice(0, 3000)}`);
      }
    }
    table.push(
      `| ${name} | ${total} | ${single} | ${none} | ${multi}${failedWith !== null ? ' (request failed)' : ''} |`,
    );
  }
  await explainer.end();
  console.log(table.join('\n'));
  for (const f of failures) console.log(`✖ ${f}`);
  console.log(
    failures.length === 0
      ? 'every statement of the hot paths routes to one shard'
      : `${failures.length} statement(s) fan out`,
  );
  // The app's job runner would keep the process alive: close it and go.
  const { app, db } = await testApp();
  await app.close();
  await db.close();
  process.exit(failures.length === 0 ? 0 : 1);
}
