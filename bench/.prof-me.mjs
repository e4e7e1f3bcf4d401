import autocannon from 'autocannon';
import path from 'node:path';
import { freePort, startCluster } from '../scripts/pg-cluster.mjs';
import { signIn, startProcess, stopProcess, waitHealthy } from './procs.mjs';
const cluster = await startCluster({ database: 'm4s_prof', quiet: true });
try {
  const port = await freePort();
  const real = startProcess('server', ['--cpu-prof', '--cpu-prof-dir=/tmp/speed-prof', '--import', 'tsx', path.join('apps', 'server', 'src', 'main.ts')], {
    DATABASE_URL: cluster.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'test',
  });
  const base = `http://127.0.0.1:${port}`;
  await waitHealthy(real, `${base}/api/health`, Date.now());
  const cookie = await signIn(base);
  console.log(await (await fetch(`${base}/api/auth/staff/me`, { headers: { cookie } })).text());
  await autocannon({ url: `${base}/api/auth/staff/me`, headers: { cookie }, connections: 20, duration: 3 });
  const r = await autocannon({ url: `${base}/api/auth/staff/me`, headers: { cookie }, connections: 20, duration: 8 });
  console.log('rps', r['2xx'] / r.duration, 'non2xx', r.non2xx);
  await stopProcess(real);
  console.log(real.output().slice(-500));
} finally { await cluster.stop(); }
