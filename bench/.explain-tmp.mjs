import { startCluster } from '/work/wt-indices/scripts/pg-cluster.mjs';
import pg from 'pg';
const cluster = await startCluster({ database: 'm4s_bench', quiet: true, persistentDir: '/tmp/m4s-bench-pg-indices-100000' });
const c = new pg.Client({ connectionString: cluster.url });
await c.connect();
try {
  const { rows: [t] } = await c.query(`SELECT id FROM tenants WHERE slug='demo'`);
  const { rows: [s] } = await c.query(`SELECT id FROM stores WHERE tenant_id=$1 ORDER BY code LIMIT 1`, [t.id]);
  const q = process.argv[2];
  const text = (await import('node:fs')).readFileSync(q, 'utf8');
  const params = JSON.parse(process.argv[3].replace('$T', t.id).replace('$S', s.id));
  const { rows } = await c.query((process.argv[4] === 'run' ? '' : 'EXPLAIN (ANALYZE, BUFFERS) ') + text, params); if (process.argv[4] === 'run') { console.log(JSON.stringify(rows).slice(0, 1500)); process.exitCode = 0; } else
  console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
} catch (e) { console.error(e.message); }
finally { await c.end(); await cluster.stop(); }
