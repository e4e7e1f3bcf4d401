// The benchmark's large data set: the demo group with N generated customers (default 1,000,000) on the
// PostgreSQL cluster named by DATABASE_URL, made once and reused while the generator is unchanged.
// Run by bench/scale.mjs as `node --import tsx bench/scale-data.ts <customers> generate|reuse`; prints
// one JSON line: { generated, customers, vehicles, repairOrders, lines, sizeBytes, steps: [{step, ms}] }.
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/platform/db/open.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { openPostgres } from '../apps/server/src/platform/db/postgres.ts';
import { seedDemo } from '../apps/server/src/seed/demo.ts';

const customers = Number(process.argv[2] ?? 1_000_000);
const generate = process.argv[3] === 'generate';
if (!Number.isInteger(customers) || customers < 1) throw new Error('usage: scale-data.ts <customers> generate|reuse');

const db = await openDatabase(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
try {
  const steps: { step: string; ms: number }[] = [];
  const timed = async <T>(step: string, fn: () => Promise<T>) => {
    const t0 = performance.now();
    const result = await fn();
    steps.push({ step, ms: Math.round(performance.now() - t0) });
    return result;
  };
  // Migrations are applied either way: a new one since the data was made lands on top of it.
  await timed('migrate', () => migrate(db));
  if (generate) {
    // Generated as the cluster's superuser with foreign-key triggers off (session_replication_role =
    // replica), which halves the time; the generator links rows by construction and RLS still applies
    // (it works as m4s_app). A fixed "now": the same generator makes the same data whenever it runs.
    const url = new URL(String(process.env.DATABASE_URL));
    url.username = 'postgres';
    url.searchParams.set('options', '-c session_replication_role=replica');
    const fast = await openPostgres(url.toString(), 2);
    try {
      await timed('generate', () => seedDemo(fast, { customers, now: new Date('2026-11-01T00:00:00Z') }));
    } finally {
      await fast.close();
    }
    await timed('vacuum analyze', () => db.owner.executeSql('VACUUM ANALYZE'));
  }
  const { rows } = await db.owner.executeSql(`SELECT
      (SELECT count(*) FROM customers)::bigint AS customers,
      (SELECT count(*) FROM vehicles)::bigint AS vehicles,
      (SELECT count(*) FROM repair_orders)::bigint AS "repairOrders",
      (SELECT count(*) FROM repair_order_lines)::bigint AS lines,
      pg_database_size(current_database())::bigint AS "sizeBytes"`);
  const counts = Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
  console.log(JSON.stringify({ generated: generate, ...counts, steps }));
} finally {
  await db.close();
}
