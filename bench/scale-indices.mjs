// `npm run bench -- --only=indices` (issue 14): on the demo group with N generated customers (`--customers=N`,
// 1,000,000 by default) and a year of follow-up answers (bench/indices-data.ts), the real server on PostgreSQL:
// a store's call queue (a page of 50, GET /api/calls?scope=store) and the monthly CSI/NPS of a store
// (GET /api/indices/figures, one store-month each), against the signed-in /me of the same server (the floor)
// and a bare SQL baseline (the store-month's answers counted and averaged in one statement, no factors).
// Targets: queue p95 < 100 ms, monthly CSI/NPS per store < 1 s. The data lives in a folder of its own
// (the shared data set is not written to).
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../scripts/pg-cluster.mjs';
import { signIn, startProcess, stopProcess, waitHealthy } from './procs.mjs';
import { bigCluster, runTs, timeRequests } from './scale.mjs';
import { waitForStartNight } from './scale-care.mjs';

const host = '127.0.0.1';
const ms = (n) => (Number.isFinite(n) ? n.toFixed(1) : '—');
const int = (n) => Math.round(n).toLocaleString('en-US');

/** The twelve months of answers before the generator's fixed now (2026-11-01). */
const months = Array.from({ length: 12 }, (_, i) => {
  const d = new Date(Date.UTC(2025, 10 + i, 1));
  const end = new Date(Date.UTC(2025, 11 + i, 0));
  return { from: d.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
});

/** The bare baseline: one statement over the store-month's answers as the app role, timed from a pg client. */
const sqlBaseline = async (url, tenantId, pairs) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const times = [];
  try {
    for (const { storeId, from, to } of pairs) {
      const t0 = performance.now();
      await client.query('BEGIN');
      await client.query(`SET LOCAL ROLE m4s_app; SET LOCAL app.tenant_id = '${tenantId}'`);
      await client.query(
        `SELECT count(*), avg((answers->'R1'->>'score')::int),
                count(*) FILTER (WHERE (answers->'R1'->>'score')::int >= 9)
           FROM survey_responses
          WHERE tenant_id = $1 AND store_id = $2 AND answered_at >= $3::date AND answered_at < $4::date + 1`,
        [tenantId, storeId, from, to],
      );
      await client.query('COMMIT');
      times.push(performance.now() - t0);
    }
  } finally {
    await client.end();
  }
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
  return { n: times.length, p50: at(50), p95: at(95), p99: at(99), max: times.at(-1), failures: 0 };
};

export const runIndices = async ({ customers = 1_000_000, samples = 200, log }) => {
  const t0 = Date.now();
  const { cluster, data } = await bigCluster({ customers, log, dirName: `m4s-bench-pg-indices-${customers}` });
  const port = await freePort();
  let server = null;
  try {
    log('writing a year of follow-up answers and the open call queues');
    const made = JSON.parse(
      (await runTs([path.join('bench', 'indices-data.ts')], { DATABASE_URL: cluster.url })).trim().split('\n').at(-1),
    );
    log(`answers: ${int(made.responses)}, open calls: ${int(made.openCalls)} (${ms(made.ms / 1000)} s)`);
    server = startProcess('server', ['--import', 'tsx', path.join('apps', 'server', 'src', 'main.ts')], {
      DATABASE_URL: cluster.url,
      PORT: String(port),
      HOST: host,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    });
    const base = `http://${host}:${port}`;
    await waitHealthy(server, `${base}/api/health`, Date.now(), 300_000);
    await waitForStartNight({ url: cluster.url, log });
    const headers = { cookie: await signIn(base) };
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const { rows: stores } = await client.query(
      `SELECT s.id, s.tenant_id FROM stores s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = 'demo' ORDER BY s.code`,
    );
    const { rows: perStore } = await client.query(
      `SELECT store_id, count(*)::int AS n FROM survey_responses GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    await client.end();
    const tenantId = stores[0].tenant_id;
    const pairs = months.flatMap((m) => stores.map((s) => ({ storeId: s.id, ...m })));
    const queue = (i) =>
      `${base}/api/calls?scope=store&when=${i % 2 ? 'today' : 'all'}&storeId=${stores[i % stores.length].id}&page=1`;
    const sets = {
      'me (floor: a signed-in request)': Array.from({ length: samples }, () => `${base}/api/auth/staff/me`),
      "store's call queue (page of 50)": Array.from({ length: samples }, (_, i) => queue(i)),
      'monthly CSI/NPS of a store': pairs.map(
        (p) => `${base}/api/indices/figures?from=${p.from}&to=${p.to}&period=month&by=store&storeId=${p.storeId}`,
      ),
    };
    log('warming up');
    await timeRequests(
      Object.values(sets).flatMap((urls) => urls.slice(0, 10)),
      headers,
    );
    const rows = [];
    for (const [name, urls] of Object.entries(sets)) {
      const one = await timeRequests(urls, headers);
      rows.push({ name, one });
      if (one.failures > 0) {
        const res = await fetch(urls[0], { headers });
        log(`${name}: ${urls[0]} answered ${res.status} ${(await res.text()).slice(0, 300)}`);
        log(`server: ${server.output().slice(-3000)}`);
      }
      log(
        `${name.padEnd(34)} p50 ${ms(one.p50)} ms  p95 ${ms(one.p95)} ms  max ${ms(one.max)} ms  failures ${one.failures}`,
      );
    }
    const bare = await sqlBaseline(cluster.url, tenantId, pairs);
    rows.push({ name: 'baseline: the store-month counted in one SQL statement (pg client)', one: bare });
    log(`baseline SQL p50 ${ms(bare.p50)} ms  p95 ${ms(bare.p95)} ms`);
    const floor = rows[0].one.p95;
    const markdown = [
      `### Scale: indices and the call queue at ${int(data.customers)} customers on PostgreSQL`,
      '',
      `Data set (demo group, \`generateTenantData\`, in its own folder): ${int(data.customers)} customers, ${int(data.repairOrders)} repair orders; a year of follow-up answers written by bench/indices-data.ts (one in three repair orders of the year before 2026-11-01, repair follow-up questionnaire): ${int(made.responses)} answers (the busiest store ${int(perStore[0]?.n ?? 0)}), ${int(made.openCalls)} open calls. Targets: queue p95 < 100 ms; monthly CSI/NPS of a store < 1 s.`,
      '',
      '| Request (one after another) | n | p50 | p95 | p99 | max | p95 ÷ /me p95 |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map(
        (r) =>
          `| ${r.name} | ${r.one.n} | ${ms(r.one.p50)} ms | ${ms(r.one.p95)} ms | ${ms(r.one.p99)} ms | ${ms(r.one.max)} ms | ${(r.one.p95 / floor).toFixed(1)}× |${r.one.failures ? ` ${r.one.failures} failed` : ''}`,
      ),
      '',
      `Indices part: ${ms((Date.now() - t0) / 1000)} s.`,
      '',
    ].join('\n');
    return { markdown, rows };
  } finally {
    if (server) await stopProcess(server);
    await cluster.stop();
  }
};
