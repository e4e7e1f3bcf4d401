// 咨询 (issue 17, Performance; docs/chat.md): with 200 conversations open (200 owners' event streams and the
// advisor's chat stream held over HTTP), how long a message takes to reach the other side's open stream — the
// owner's message to the staff stream and the advisor's answer to the owner's stream — against the same request's
// own round trip (the baseline: POST answered, nothing heard yet); and the assistant's answer over 1,000 articles
// against the knowledge search alone (GET /api/owner/knowledge), in the same run.
// Run: npm run bench -- --only=chat [--engine=postgres]   (or node --import tsx bench/chat.ts [--rounds=N])
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { hashPassword } from '../apps/server/src/platform/auth/crypto.ts';
import { createSession } from '../apps/server/src/platform/auth/sessions.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { openPglite } from '../apps/server/src/platform/db/pglite.ts';
import { openPostgres } from '../apps/server/src/platform/db/postgres.ts';
import { insertStaff } from '../apps/server/src/modules/staff/staff.queries.ts';
import { insertStore } from '../apps/server/src/modules/stores/stores.queries.ts';
import { createTenant } from '../apps/server/src/modules/tenants/tenants.admin.ts';
import { shippedArticles } from '../apps/server/src/modules/content/knowledge.shipped.ts';
import type { StoreInput } from '@m4s/contracts';

const conversations = 200;
const articleCount = 1000;
const out = /^--out=(.+)$/.exec(process.argv.find((a) => a.startsWith('--out=')) ?? '')?.[1];
const rounds = Number(/^--rounds=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--rounds=')) ?? '')?.[1] ?? 2);
const log = (m: string) => console.log(`[chat bench] ${m}`);

const day = [{ open: '00:00', close: '23:59' }];
const storeInput: StoreInput = {
  code: 'B1',
  name: '基准店',
  brand: null,
  province: null,
  city: '上海市',
  address: '上海市测试路 1 号',
  phone: null,
  openingHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
};

const p = (list: number[], q: number) => {
  const s = [...list].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0);
};
const fmt = (list: number[]) => `p50 ${p(list, 0.5).toFixed(1)} ms, p95 ${p(list, 0.95).toFixed(1)} ms`;

/** An open SSE stream: calls `on` with each `chat` event's conversation id and server time (ms). */
const openStream = async (url: string, cookie: string, on: (conversationId: string, at: number) => void) => {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal });
  if (!res.ok || !res.body) throw new Error(`stream ${url} → ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = /^event: chat\ndata: (.+)$/m.exec(frame)?.[1];
          if (data) {
            const event = JSON.parse(data) as { conversationId: string; at: string };
            on(event.conversationId, Date.parse(event.at));
          }
          cut = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted at the end of the run.
    }
  })();
  return () => controller.abort();
};

type Cluster = { url: string; stop: () => Promise<void> };
const clusterScript = new URL('../scripts/pg-cluster.mjs', import.meta.url).href;
/** `--engine=postgres`: a PostgreSQL 15 cluster of its own (scripts/pg-cluster.mjs), as bench/feed.ts; else PGlite. */
const engine = /^--engine=(postgres|pglite)$/.exec(process.argv.find((a) => a.startsWith('--engine=')) ?? '')?.[1];

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'm4s-chat-bench-'));
  let cluster: Cluster | null = null;
  if (engine === 'postgres' && !process.env.DATABASE_URL) {
    const { startCluster } = (await import(clusterScript)) as { startCluster: (o: object) => Promise<Cluster> };
    cluster = await startCluster({ database: 'm4s_bench_chat', quiet: true, extraConf: ['max_connections = 80'] });
  }
  const url = cluster?.url ?? process.env.DATABASE_URL;
  const db = url ? await openPostgres(url, 20) : await openPglite(dir);
  await migrate(db);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dir });
  const app = await buildApp(config, { db });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  log(`server at ${address} on ${url ? 'PostgreSQL' : 'PGlite'}`);

  const tenantId = await createTenant(db, { slug: 'chat-bench', name: '咨询基准集团', shortName: '基准' });
  const hash = await hashPassword('bench-pass-123');
  const now = new Date();
  const setup = await db.transaction({ tenantId }, async ({ db: tx, sql }) => {
    const store = await insertStore(tx, tenantId, storeInput, now);
    const advisor = await insertStaff(tx, tenantId, {
      login: 'advisor',
      name: '顾问',
      role: 'service_advisor',
      storeId: store.id,
      passwordHash: hash,
      createdAt: now,
      updatedAt: now,
      passwordChangedAt: now,
    });
    const owners: { cookie: string; csrf: string }[] = [];
    for (let i = 0; i < conversations; i++) {
      const [c] = (
        await sql.executeSql(
          `INSERT INTO customers (tenant_id, name, source, home_store_id, service_advisor_id, created_at, updated_at)
           VALUES ($1, $2, 'walk_in', $3, $4, now(), now()) RETURNING id`,
          [tenantId, `车主${i}`, store.id, advisor.id],
        )
      ).rows;
      const [v] = (
        await sql.executeSql(
          `INSERT INTO vehicles (tenant_id, vin, owner_id, created_at, updated_at) VALUES ($1, $2, $3, now(), now()) RETURNING id`,
          [tenantId, `BENCHVIN${String(i).padStart(9, '0')}`, c?.id],
        )
      ).rows;
      const [o] = (
        await sql.executeSql('INSERT INTO owners (tenant_id, phone) VALUES ($1, $2) RETURNING id', [
          tenantId,
          String(15_900_000_000 + i),
        ])
      ).rows;
      await sql.executeSql(
        `INSERT INTO vehicle_bindings (tenant_id, owner_id, vehicle_id, status, decided_at) VALUES ($1, $2, $3, 'confirmed', now())`,
        [tenantId, o?.id, v?.id],
      );
      const s = await createSession(tx, {
        tenantId,
        kind: 'owner',
        subjectId: String(o?.id),
        ip: '127.0.0.1',
        userAgent: null,
        now,
      });
      owners.push({ cookie: `m4s_owner=${s.cookie}`, csrf: s.csrfToken });
    }
    const staff = await createSession(tx, {
      tenantId,
      kind: 'staff',
      subjectId: advisor.id,
      ip: '127.0.0.1',
      userAgent: null,
      now,
    });
    // 1,000 published articles: the shipped ones and variants of them (other titles, the same subjects' words).
    for (let i = 0; i < articleCount; i++) {
      const a = shippedArticles[i % shippedArticles.length];
      if (!a) continue;
      await sql.executeSql(
        `INSERT INTO kb_articles (tenant_id, kind, category, title, body, keywords, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, now(), now())`,
        [tenantId, a.kind, a.category, i < shippedArticles.length ? a.title : `${a.title}（${i}）`, a.body, a.keywords],
      );
    }
    return { owners, staff: { cookie: `m4s_staff=${staff.cookie}`, csrf: staff.csrfToken } };
  });

  const post = (who: { cookie: string; csrf: string }, path: string, body: object) =>
    fetch(`${address}${path}`, {
      method: 'POST',
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  // Each owner opens their conversation with the advisor (one message each), then the streams open.
  const ids: string[] = [];
  for (const o of setup.owners) {
    const res = await post(o, '/api/owner/chat/messages?kind=service', { text: '你好' });
    if (res.status !== 201) throw new Error(`first message → ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { messages: { conversationId: string }[] }).messages[0]?.conversationId ?? '');
  }
  // A waiter per side and conversation, taking only an event stamped after its message was sent: the owner's
  // stream also hears the owner's own message (both sides are told), which must not count as the advisor's answer.
  const waiters = new Map<string, { since: number; resolve: (at: number) => void }>();
  const heardBy = (side: 'staff' | 'owner') => (conversationId: string, at: number) => {
    const key = `${side}:${conversationId}`;
    const w = waiters.get(key);
    if (!w || at < w.since) return;
    w.resolve(performance.now());
    waiters.delete(key);
  };
  const closers = [await openStream(`${address}/api/chat/events`, setup.staff.cookie, heardBy('staff'))];
  for (const o of setup.owners)
    closers.push(await openStream(`${address}/api/owner/events`, o.cookie, heardBy('owner')));
  log(`${closers.length} streams open (${conversations} owners, 1 advisor)`);

  const toStaff: number[] = [];
  const toOwner: number[] = [];
  const requestOnly: number[] = [];
  const timeOne = async (
    side: 'staff' | 'owner',
    conversationId: string,
    send: () => Promise<Response>,
    into: number[],
  ) => {
    const since = Date.now(); // the server runs in this process: the same clock stamps the event
    const arrived = new Promise<number>((resolve) => waiters.set(`${side}:${conversationId}`, { since, resolve }));
    const start = performance.now();
    const res = await send();
    requestOnly.push(performance.now() - start);
    if (res.status !== 201) throw new Error(`message → ${res.status} ${await res.text()}`);
    into.push((await arrived) - start);
  };
  for (let r = 0; r < rounds; r++) {
    for (const [i, o] of setup.owners.entries()) {
      const id = ids[i] ?? '';
      await timeOne(
        'staff',
        id,
        () => post(o, '/api/owner/chat/messages?kind=service', { text: `第${r}轮：保养多少钱？` }),
        toStaff,
      );
      await timeOne(
        'owner',
        id,
        () => post(setup.staff, `/api/chat/conversations/${id}/messages`, { text: '您好，约 600 元。' }),
        toOwner,
      );
    }
  }
  // The floor: a signed-in read doing next to nothing (the owner's session), as many times, with the streams open.
  const floor: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const o of setup.owners) {
      const start = performance.now();
      const res = await fetch(`${address}/api/auth/owner/me`, { headers: { cookie: o.cookie } });
      await res.arrayBuffer();
      floor.push(performance.now() - start);
    }
  const stream = [...toStaff, ...toOwner];
  log(`message → stream: ${fmt(stream)}; request alone: ${fmt(requestOnly)}`);

  const questions = [
    '轮胎多久换一次',
    '仪表盘亮红灯怎么办',
    '出险理赔要带什么资料',
    '冬天电瓶没电怎么办',
    '车险续保多少钱',
    '雨刮器多久换',
  ];
  const assistant: number[] = [];
  const search: number[] = [];
  const owner = setup.owners[0];
  if (!owner) throw new Error('no owner');
  for (let r = 0; r < rounds * 20; r++) {
    for (const q of questions) {
      let start = performance.now();
      const s = await fetch(`${address}/api/owner/knowledge?q=${encodeURIComponent(q)}`, {
        headers: { cookie: owner.cookie },
      });
      await s.arrayBuffer();
      search.push(performance.now() - start);
      start = performance.now();
      const a = await post(owner, '/api/owner/chat/messages?kind=assistant', { text: q });
      await a.arrayBuffer();
      assistant.push(performance.now() - start);
    }
  }
  log(`assistant: ${fmt(assistant)}; search alone: ${fmt(search)}`);
  for (const close of closers) close();
  await app.close();
  if (cluster) {
    await db.close().catch(() => undefined); // the pool before its server, or the server's goodbye is an error
    await cluster.stop();
  }
  rmSync(dir, { recursive: true, force: true });

  const ok = p(stream, 0.95) < 200 && p(assistant, 0.95) < 300;
  const markdown = [
    `### 咨询 (chat): live messages and the assistant`,
    '',
    `Engine: ${url ? 'PostgreSQL' : 'PGlite (embedded)'}; ${conversations} conversations open (each owner's event stream and the advisor's chat stream held over HTTP on one server); ${rounds} rounds; ${articleCount} published articles.`,
    '',
    '| measure | n | p50 | p95 | target |',
    '|---|---|---|---|---|',
    `| message → the other side's open stream | ${stream.length} | ${p(stream, 0.5).toFixed(1)} ms | ${p(stream, 0.95).toFixed(1)} ms | p95 < 200 ms |`,
    `| · owner → advisor's stream | ${toStaff.length} | ${p(toStaff, 0.5).toFixed(1)} ms | ${p(toStaff, 0.95).toFixed(1)} ms | |`,
    `| · advisor → owner's stream | ${toOwner.length} | ${p(toOwner, 0.5).toFixed(1)} ms | ${p(toOwner, 0.95).toFixed(1)} ms | |`,
    `| baseline: the POST answered (nothing heard yet) | ${requestOnly.length} | ${p(requestOnly, 0.5).toFixed(1)} ms | ${p(requestOnly, 0.95).toFixed(1)} ms | |`,
    `| floor: a signed-in GET /api/auth/owner/me | ${floor.length} | ${p(floor, 0.5).toFixed(1)} ms | ${p(floor, 0.95).toFixed(1)} ms | |`,
    `| message → stream p95 ÷ floor p95 | | | ${(p(stream, 0.95) / Math.max(0.1, p(floor, 0.95))).toFixed(1)}× | |`,
    `| assistant answers (POST, question and answer written) | ${assistant.length} | ${p(assistant, 0.5).toFixed(1)} ms | ${p(assistant, 0.95).toFixed(1)} ms | p95 < 300 ms |`,
    `| baseline: the knowledge search alone (GET) | ${search.length} | ${p(search, 0.5).toFixed(1)} ms | ${p(search, 0.95).toFixed(1)} ms | |`,
    '',
    ok ? 'Both targets met.' : '**A target was missed** (see the table).',
    '',
  ].join('\n');
  if (out) writeFileSync(out, markdown);
  console.log(markdown);
  process.exit(ok ? 0 : 1);
};

await main();
