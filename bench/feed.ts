// The owner app's 轮生活 feed at scale (issue 17, Performance: the feed's first page p95 under 100 ms): a tenant
// with N generated customers (the scale data set's generator, 1,000,000 by default, `--customers=N`), 2,000 of its
// cars bound to owner accounts, 600 posts over a year (a third for everyone, a third for one store, a third for
// gold members or a segment; some expired, some withdrawn, reads and likes on them). `clients` concurrent owners
// read their first page through the owner feed's own service (owner-feed.service.ts `ownerFeed`: the owner's
// audience from their cars' customers, then one range of `feed_posts_live_idx` with the targets checked per row),
// each in its own tenant transaction as the app role, against a bare read of the newest 21 posts in the same run.
// Run: npm run bench -- --only=feed [--customers=N] [--seconds=S]   (or node --import tsx bench/feed.ts)
import { writeFileSync } from 'node:fs';
import { pino } from 'pino';
import { systemCtx, type OwnerCtx } from '../apps/server/src/platform/context.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { openPostgres } from '../apps/server/src/platform/db/postgres.ts';
import type { Database } from '../apps/server/src/platform/db/types.ts';
import { generateTenantData } from '../apps/server/src/seed/generate.ts';
import { insertStore } from '../apps/server/src/modules/stores/stores.queries.ts';
import { createTenant } from '../apps/server/src/modules/tenants/tenants.admin.ts';
import { ownerFeed } from '../apps/server/src/modules/content/owner-feed.service.ts';
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
const clients = 20;
const owners = 2000;
const posts = 600;
const out = /^--out=(.+)$/.exec(process.argv.find((a) => a.startsWith('--out=')) ?? '')?.[1];
const log = (m: string) => console.log(`[feed bench] ${m}`);
const noJobs = { send: () => Promise.resolve(), sendMany: () => Promise.resolve() };

const pct = (xs: number[], p: number) =>
  xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;

/** `clients` loops (20, or 1 for the latency without queueing) doing `op` for `seconds`: reads per second and latency percentiles. */
const drive = async (op: (i: number) => Promise<number>, clients: number) => {
  const lat: number[] = [];
  let failed = 0;
  let items = 0;
  const end = Date.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) {
        const t0 = performance.now();
        try {
          const got = await op(n++); // not `items += await …`: that would read `items` before the await
          items += got;
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
    failed,
    items,
  };
};

type Cluster = { url: string; stop: () => Promise<void> };
const clusterScript = new URL('../scripts/pg-cluster.mjs', import.meta.url).href;

/** Owners bound to cars of the generated customers, and the posts they read (as the table owner, in bulk). */
const fill = async (db: Database, tenantId: string, storeIds: string[]) => {
  await db.owner.executeSql(
    `INSERT INTO owners (tenant_id, id, phone)
     SELECT v.tenant_id, md5('owner' || v.id::text)::uuid, '139' || lpad(v.n::text, 8, '0')
       FROM (SELECT tenant_id, id, row_number() OVER (ORDER BY md5(id::text)) AS n FROM vehicles WHERE tenant_id = $1) v
      WHERE v.n <= $2`,
    [tenantId, owners],
  );
  await db.owner.executeSql(
    `INSERT INTO vehicle_bindings (tenant_id, id, owner_id, vehicle_id, status, decided_at)
     SELECT v.tenant_id, md5('binding' || v.id::text)::uuid, md5('owner' || v.id::text)::uuid, v.id, 'confirmed', now()
       FROM (SELECT tenant_id, id, row_number() OVER (ORDER BY md5(id::text)) AS n FROM vehicles WHERE tenant_id = $1) v
      WHERE v.n <= $2`,
    [tenantId, owners],
  );
  // Gold members among the owners' customers, so the tier-targeted posts reach some of them.
  await db.owner.executeSql(
    `INSERT INTO loyalty_members (tenant_id, customer_id, balance, tier)
     SELECT DISTINCT c.tenant_id, c.id, 1000, CASE WHEN (hashtext(c.id::text) & 3) = 0 THEN 'gold' ELSE 'standard' END
       FROM vehicle_bindings b JOIN vehicles v ON v.tenant_id = b.tenant_id AND v.id = b.vehicle_id
       JOIN customers c ON c.tenant_id = v.tenant_id AND c.id = v.owner_id
      WHERE b.tenant_id = $1
     ON CONFLICT DO NOTHING`,
    [tenantId],
  );
  await db.owner.executeSql(
    `INSERT INTO feed_posts (tenant_id, id, store_id, kind, title, summary, body, target_store_ids, target_tiers,
                             target_segments, publish_at, expires_at, withdrawn, reads, likes, created_at, updated_at)
     SELECT $1, md5('post' || g::text)::uuid,
            CASE WHEN g % 3 = 1 THEN $2::uuid ELSE NULL END,
            (ARRAY['news','new_model','offer','policy','event','car_life'])[1 + g % 6],
            '第 ' || g || ' 篇：秋冬用车提醒', '轮胎、电瓶与空调的季节检查', repeat('保养知识正文。', 200),
            CASE WHEN g % 3 = 1 THEN ARRAY[$2::uuid] ELSE '{}'::uuid[] END,
            CASE WHEN g % 3 = 2 AND g % 2 = 0 THEN ARRAY['gold'] ELSE '{}'::text[] END,
            CASE WHEN g % 3 = 2 AND g % 2 = 1 THEN ARRAY['loyalty:loyal'] ELSE '{}'::text[] END,
            now() - make_interval(hours => g * 14), CASE WHEN g % 10 = 0 THEN now() - interval '1 day' ELSE NULL END,
            g % 25 = 0, g * 7, g, now(), now()
       FROM generate_series(1, $3) g`,
    [tenantId, storeIds[0], posts],
  );
  await db.owner.executeSql(
    'ANALYZE owners; ANALYZE vehicle_bindings; ANALYZE loyalty_members; ANALYZE feed_posts; ANALYZE vehicles; ANALYZE customers',
    [],
  );
  return (await db.owner.executeSql(`SELECT id FROM owners WHERE tenant_id = $1 ORDER BY id`, [tenantId])).rows.map(
    (r) => String(r.id),
  );
};

const main = async () => {
  const { startCluster } = (await import(clusterScript)) as { startCluster: (o: object) => Promise<Cluster> };
  const cluster = await startCluster({ database: 'm4s_bench_feed', quiet: true, extraConf: ['max_connections = 80'] });
  const db = await openPostgres(cluster.url, clients + 5);
  try {
    await migrate(db);
    const now = new Date();
    const tenantId = await createTenant(db, { slug: 'bench-feed', name: '轮生活基准', shortName: '轮生活' });
    const storeIds = await db.transaction({ tenantId }, async ({ db: tx }) => [
      (await insertStore(tx, tenantId, storeInput('S1', '一号店'), now)).id,
      (await insertStore(tx, tenantId, storeInput('S2', '二号店'), now)).id,
    ]);
    let t0 = Date.now();
    // As the scale data set is made (bench/scale-data.ts): the superuser with triggers off, the generator as the app role.
    const url = new URL(cluster.url);
    url.username = 'postgres';
    url.searchParams.set('options', '-c session_replication_role=replica');
    const fast = await openPostgres(url.toString(), 2);
    try {
      await generateTenantData(fast, { tenantId, customers, storeIds, advisorIds: [], consultantIds: [], now });
    } finally {
      await fast.close();
    }
    log(`${customers.toLocaleString('en-US')} customers generated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    t0 = Date.now();
    const ownerIds = await fill(db, tenantId, storeIds);
    const live = await db.owner.executeSql(
      `SELECT count(*)::int AS n FROM feed_posts WHERE tenant_id = $1 AND NOT withdrawn AND publish_at <= now()`,
      [tenantId],
    );
    log(`live posts: ${String(live.rows[0]?.n)}`);
    log(`${ownerIds.length} owners and ${posts} posts in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const ctxOf = (tx: Parameters<Parameters<Database['transaction']>[1]>[0], ownerId: string): OwnerCtx =>
      ({
        ...systemCtx({
          tenantId,
          tx,
          jobs: noJobs,
          clock: { now: () => new Date() },
          log: pino({ level: 'silent' }),
          requestId: 'bench',
        }),
        actor: { kind: 'owner', id: ownerId },
      }) as unknown as OwnerCtx;

    const bareRead = async () => {
      const res = await db.transaction({ tenantId }, (tx) =>
        tx.sql.executeSql(
          `SELECT id, kind, title, summary, publish_at FROM feed_posts
            WHERE tenant_id = $1 AND NOT withdrawn AND publish_at IS NOT NULL AND publish_at <= now()
            ORDER BY publish_at DESC, id DESC LIMIT 21`,
          [tenantId],
        ),
      );
      return res.rows.length;
    };
    const firstPage = async (i: number) => {
      const page = await db.transaction({ tenantId }, (tx) =>
        ownerFeed(ctxOf(tx, ownerIds[(i * 7919) % ownerIds.length] as string), { limit: 20 }),
      );
      return page.items.length;
    };
    log(
      `bare read of the newest 21 posts, then the owner's first page through ownerFeed: 1 client, then ${clients}; ${seconds} s each`,
    );
    const bare1 = await drive(bareRead, 1);
    const feed1 = await drive(firstPage, 1);
    const bare = await drive(bareRead, clients);
    const feed = await drive(firstPage, clients);
    const row = (name: string, r: Awaited<ReturnType<typeof drive>>) =>
      `| ${name} | ${r.ops.toLocaleString('en-US')} | ${r.perS.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.items / Math.max(1, r.ops)).toFixed(1)} | ${r.failed} |`;
    const markdown = [
      `### Feed: the owner's first page at ${clients} clients (${customers.toLocaleString('en-US')} customers, ${ownerIds.length.toLocaleString('en-US')} owners, ${posts} posts, PostgreSQL 15)`,
      '',
      `A third of the posts for everyone, a third for one store, a third for gold members or a segment; one in ten expired, one in 25 withdrawn. ${clients} clients for ${seconds} s each, every read its own tenant transaction as the app role (bench/feed.ts).`,
      '',
      '| Read | Done | per s | p50 ms | p95 ms | p99 ms | posts per page | failed |',
      '|---|---|---|---|---|---|---|---|',
      row('1 client: bare read of the newest 21 posts (baseline)', bare1),
      row("1 client: owner's first page through `ownerFeed` (audience + targeted range)", feed1),
      row(`${clients} clients: bare read (baseline)`, bare),
      row(`${clients} clients: owner's first page through \`ownerFeed\``, feed),
      '',
      `First page p95: **${feed1.p95.toFixed(1)} ms** alone, **${feed.p95.toFixed(1)} ms** at ${clients} clients (target < 100 ms); ` +
        `${(feed.p95 / Math.max(0.1, bare.p95)).toFixed(1)}× the bare read's p95 at ${clients} clients.`,
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
