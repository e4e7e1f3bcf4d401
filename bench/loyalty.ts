// The points ledger under load and the membership night at scale (issue 16, Performance): a tenant with N
// generated customers (the scale data set's generator, 1,000,000 by default, `--customers=N`), every one a
// member with points; 50 concurrent clients earning and redeeming through the ledger's own service functions
// (ledger.service.ts `post`: the member's row lock, the idempotency check, the append and the balance — each in
// its own tenant transaction as the app role) against 50 clients doing a bare INSERT of one ledger row in the
// same run; then the nightly expiry and tier steps (nightly.service.ts) over every member, timed.
// The data set: when the scale part's million-customer cluster exists (/tmp/m4s-bench-pg-<N>, bench/scale.mjs
// bigCluster), a copy of it (/tmp/m4s-bench-pg-loyalty-<N>: the shared set is never written to) — the demo
// group with its cars and years of repair orders, so the tier step sums real spend; its loyalty tables are
// emptied at the start of each run. Otherwise a fresh cluster with N customers generated (hours at 1,000,000).
// Run: npm run bench -- --only=loyalty [--customers=N] [--seconds=S]   (or node --import tsx bench/loyalty.ts)
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { systemCtx, type Ctx } from '../apps/server/src/platform/context.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { newRowId } from '../apps/server/src/platform/db/ids.ts';
import { openPostgres } from '../apps/server/src/platform/db/postgres.ts';
import type { Database } from '../apps/server/src/platform/db/types.ts';
import { generateTenantData } from '../apps/server/src/seed/generate.ts';
import { insertStore } from '../apps/server/src/modules/stores/stores.queries.ts';
import { createTenant } from '../apps/server/src/modules/tenants/tenants.admin.ts';
import { post } from '../apps/server/src/modules/loyalty/ledger.service.ts';
import { expireNight, tierNight } from '../apps/server/src/modules/loyalty/nightly.service.ts';
import type { StoreInput } from '@m4s/contracts';

const storeInput = (code: string, name: string): StoreInput => {
  const day = [{ open: '08:30', close: '18:00' }];
  const openingHours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: [] };
  return {
    code,
    name,
    brand: null,
    province: null,
    city: '上海市',
    address: '上海市测试路 1 号',
    phone: null,
    openingHours,
  };
};

const arg = (name: string, fallback: number) =>
  Number(
    new RegExp(`^--${name}=(\\d+)$`).exec(process.argv.find((a) => a.startsWith(`--${name}=`)) ?? '')?.[1] ?? fallback,
  );
const customers = arg('customers', 1_000_000);
const seconds = arg('seconds', 20);
const clients = 50;
const out = /^--out=(.+)$/.exec(process.argv.find((a) => a.startsWith('--out=')) ?? '')?.[1];
const log = (m: string) => console.log(`[loyalty bench] ${m}`);
const noJobs = { send: () => Promise.resolve(), sendMany: () => Promise.resolve() };

const inTenant = <T>(db: Database, tenantId: string, now: Date, fn: (ctx: Ctx) => Promise<T>) =>
  db.transaction({ tenantId }, (tx) =>
    fn(
      systemCtx({
        tenantId,
        tx,
        jobs: noJobs,
        clock: { now: () => now },
        log: pino({ level: 'silent' }),
        requestId: 'bench',
      }),
    ),
  );

const pct = (xs: number[], p: number) =>
  xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;

/** `clients` loops doing `op` for `seconds`: operations per second, latency percentiles, refusals. */
const drive = async (op: (i: number) => Promise<'ok' | 'refused'>) => {
  const lat: number[] = [];
  let refused = 0;
  let failed = 0;
  const end = Date.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) {
        const t0 = performance.now();
        try {
          if ((await op(n++)) === 'refused') refused += 1;
        } catch {
          failed += 1;
        }
        lat.push(performance.now() - t0);
      }
    }),
  );
  return {
    ops: lat.length,
    perS: lat.length / seconds,
    p50: pct(lat, 50),
    p95: pct(lat, 95),
    p99: pct(lat, 99),
    refused,
    failed,
  };
};

type Cluster = { url: string; stop: () => Promise<void> };
const clusterScript = new URL('../scripts/pg-cluster.mjs', import.meta.url).href;
const sharedSet = path.join(os.tmpdir(), `m4s-bench-pg-${customers}`);
const ownSet = path.join(os.tmpdir(), `m4s-bench-pg-loyalty-${customers}`);
const hasData = (dir: string) => existsSync(path.join(dir, 'data', 'PG_VERSION'));

/** The copy of the scale part's data set (made once, `cp -a` keeps the postgres owner), or null. */
const scaleCopy = () => {
  if (hasData(ownSet)) return ownSet;
  if (!hasData(sharedSet) || existsSync(path.join(sharedSet, 'data', 'postmaster.pid'))) return null;
  log(`copying the ${customers.toLocaleString('en-US')}-customer data set to ${ownSet}`);
  const cp = spawnSync('cp', ['-a', sharedSet, ownSet], { stdio: 'inherit' });
  if (cp.status !== 0) throw new Error(`cp -a ${sharedSet} ${ownSet} failed`);
  return ownSet;
};

/** The demo group of the copied data set, its loyalty tables emptied (this copy's own; a fresh start each run). */
const reuseTenant = async (db: Database) => {
  await db.owner.executeSql('TRUNCATE tier_changes, points_ledger, loyalty_members CASCADE', []);
  const stores = await db.owner.executeSql(
    `SELECT s.tenant_id, s.id FROM stores s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = 'demo'
     ORDER BY s.code LIMIT 2`,
    [],
  );
  const tenantId = String(stores.rows[0]?.tenant_id);
  return { tenantId, storeIds: stores.rows.map((r) => String(r.id)) };
};

const freshTenant = async (db: Database, now: Date) => {
  const tenantId = await createTenant(db, { slug: 'bench-loyalty', name: '积分基准', shortName: '积分' });
  const storeIds = await db.transaction({ tenantId }, async ({ db: tx }) => [
    (await insertStore(tx, tenantId, storeInput('S1', '一号店'), now)).id,
    (await insertStore(tx, tenantId, storeInput('S2', '二号店'), now)).id,
  ]);
  return { tenantId, storeIds };
};

/** N customers as the scale data set is made (bench/scale-data.ts): the cluster's superuser with triggers off
 *  (session_replication_role = replica); the generator still works as the app role, under RLS. */
const generate = async (clusterUrl: string, tenantId: string, storeIds: string[], now: Date) => {
  const t0 = Date.now();
  const url = new URL(clusterUrl);
  url.username = 'postgres';
  url.searchParams.set('options', '-c session_replication_role=replica');
  const fast = await openPostgres(url.toString(), 2);
  try {
    await generateTenantData(fast, { tenantId, customers, storeIds, advisorIds: [], consultantIds: [], now });
  } finally {
    await fast.close();
  }
  log(`${customers.toLocaleString('en-US')} customers generated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
};

const dataSetFacts = async (db: Database, tenantId: string) => {
  const { rows } = await db.owner.executeSql(
    `SELECT (SELECT count(*) FROM customers WHERE tenant_id = $1)::bigint AS customers,
            (SELECT count(*) FROM repair_orders WHERE tenant_id = $1)::bigint AS orders`,
    [tenantId],
  );
  const n = (v: unknown) => Number(v).toLocaleString('en-US');
  return `${n(rows[0]?.customers)} customers, ${n(rows[0]?.orders)} repair orders`;
};

const main = async () => {
  const { startCluster } = (await import(clusterScript)) as { startCluster: (o: object) => Promise<Cluster> };
  const copy = scaleCopy();
  const cluster = await startCluster({
    database: copy ? 'm4s_bench' : 'm4s_bench_loyalty',
    quiet: true,
    persistentDir: copy,
    extraConf: ['max_connections = 120'],
  });
  const db = await openPostgres(cluster.url, clients + 5);
  try {
    let t0 = Date.now();
    await migrate(db);
    log(`migrated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const now = new Date();
    const { tenantId, storeIds } = copy ? await reuseTenant(db) : await freshTenant(db, now);
    if (!copy) await generate(cluster.url, tenantId, storeIds, now);
    const dataSet = copy
      ? `the scale part's data set (a copy: ${await dataSetFacts(db, tenantId)})`
      : `${customers.toLocaleString('en-US')} customers generated in this run (no data set of the scale part)`;
    // Every customer a member holding points (an opening entry each, half of them about to expire).
    t0 = Date.now();
    await db.owner.executeSql(
      `INSERT INTO points_ledger (tenant_id, id, customer_id, kind, points, balance_after, source, source_id, at, expires_on)
       SELECT c.tenant_id, md5('open' || c.id::text)::uuid, c.id, 'earn', 5000, 5000, 'purchase', 'open:' || c.id::text,
              now() - interval '700 days',
              CASE WHEN (hashtext(c.id::text) & 1) = 0 THEN current_date - 1 ELSE current_date + 300 END
       FROM customers c WHERE c.tenant_id = $1`,
      [tenantId],
    );
    await db.owner.executeSql(
      `INSERT INTO loyalty_members (tenant_id, customer_id, balance) SELECT tenant_id, id, 5000 FROM customers WHERE tenant_id = $1
       ON CONFLICT DO NOTHING`,
      [tenantId],
    );
    await db.owner.executeSql('ANALYZE points_ledger; ANALYZE loyalty_members; ANALYZE customers', []);
    log(`members and opening entries in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const ids = (
      await db.owner.executeSql(`SELECT id FROM customers WHERE tenant_id = $1 ORDER BY md5(id::text) LIMIT 20000`, [
        tenantId,
      ])
    ).rows.map((r) => String(r.id));
    const who = (i: number) => ids[(i * 7919) % ids.length]!;

    log(`bare ledger insert, ${clients} clients, ${seconds} s`);
    const bare = await drive(async (i) => {
      await db.transaction({ tenantId }, (tx) =>
        tx.sql.executeSql(
          `INSERT INTO points_ledger (tenant_id, id, customer_id, kind, points, balance_after, source, source_id, at)
           VALUES ($1, $2, $3, 'earn', 10, 0, 'event', $4, now())`,
          [tenantId, newRowId(), who(i), newRowId()],
        ),
      );
      return 'ok';
    });
    log(`earn and redeem through the ledger, ${clients} clients, ${seconds} s`);
    const ledger = await drive(async (i) => {
      try {
        await inTenant(db, tenantId, new Date(), (ctx) =>
          post(ctx, {
            customerId: who(i),
            kind: i % 2 === 0 ? 'earn' : 'redeem',
            points: i % 2 === 0 ? 100 : -150,
            source: i % 2 === 0 ? 'event' : 'checkout',
            sourceId: newRowId(),
            storeId: storeIds[i % 2]!,
          }),
        );
        return 'ok';
      } catch (e) {
        if ((e as { code?: string }).code === 'CONFLICT') return 'refused';
        throw e;
      }
    });
    const negative = (
      await db.owner.executeSql('SELECT count(*)::int AS n FROM loyalty_members WHERE tenant_id = $1 AND balance < 0', [
        tenantId,
      ])
    ).rows[0]?.n;

    const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    t0 = Date.now();
    const expired = await inTenant(db, tenantId, now, (ctx) => expireNight(ctx, day));
    const expireMs = Date.now() - t0;
    log(`expiry over every member: ${(expireMs / 1000).toFixed(1)} s (${expired.entries} entries); tiers next`);
    t0 = Date.now();
    const tiers = await inTenant(db, tenantId, now, (ctx) => tierNight(ctx, day));
    const tierMs = Date.now() - t0;
    const row = (name: string, r: Awaited<ReturnType<typeof drive>>) =>
      `| ${name} | ${r.ops.toLocaleString('en-US')} | ${r.perS.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.refused} | ${r.failed} |`;
    const markdown = [
      `### Loyalty: the ledger at ${clients} clients and the membership night (${customers.toLocaleString('en-US')} customers, PostgreSQL 15)`,
      '',
      `Data: ${dataSet}. Every customer a member with 5,000 points (half of them expiring yesterday). ${clients} clients for ${seconds} s each, every operation its own tenant transaction as the app role; earn +100 and redeem −150 alternate over 20,000 members (bench/loyalty.ts).`,
      '',
      '| Operation | Done | per s | p50 ms | p95 ms | p99 ms | refused (points short) | failed |',
      '|---|---|---|---|---|---|---|---|',
      row('bare INSERT of one ledger row (baseline)', bare),
      row('earn / redeem through `post` (row lock, idempotency, append, balance)', ledger),
      '',
      `Balances below zero afterwards: **${String(negative)}**.`,
      '',
      `| Nightly step over every member | Time | Result |`,
      '|---|---|---|',
      `| expiry (\`expireNight\`) | ${(expireMs / 1000).toFixed(1)} s | ${expired.entries.toLocaleString('en-US')} entries, ${expired.points.toLocaleString('en-US')} points |`,
      `| tiers (\`tierNight\`) | ${(tierMs / 1000).toFixed(1)} s | ${tiers.members.toLocaleString('en-US')} members, ${tiers.moved.toLocaleString('en-US')} moves |`,
      `| together | **${((expireMs + tierMs) / 1000).toFixed(1)} s** | target < 60 s at 1,000,000 |`,
      '',
    ].join('\n');
    console.log(markdown);
    if (out) writeFileSync(out, markdown);
  } finally {
    await db.close();
    await cluster.stop();
  }
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
