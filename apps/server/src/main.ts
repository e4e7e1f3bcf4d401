import { buildApp } from './app.ts';
import { demoSeed, loadConfig } from './config.ts';
import { migrate } from './platform/db/migrate.ts';
import { openDatabase } from './platform/db/open.ts';
import { shiftedClock } from './platform/clock.ts';
import { tenantCount } from './modules/tenants/tenants.admin.ts';
import { demo, demoOwnerPhones, demoStaff, seedDemo } from './seed/demo.ts';
import { fileURLToPath } from 'node:url';

const config = loadConfig(process.env, { webRoot: fileURLToPath(new URL('../../', import.meta.url)) });
const started = Date.now();
const db = await openDatabase(config);
await migrate(db);
const clock = shiftedClock(config.CLOCK_OFFSET_MINUTES);
// The demo group on an empty database: development only unless SEED_DEMO=true (docs/configuration.md).
const seed = demoSeed(config);
const firstRun = seed !== null && (await tenantCount(db)) === 0;
if (seed && firstRun)
  await seedDemo(db, { customers: config.DEMO_CUSTOMERS, now: clock.now(), password: seed.password });

const app = await buildApp(config, { db, clock });
await app.listen({ port: config.PORT, host: config.HOST });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.PORT;
const base = `http://localhost:${port}`;

const lines = [
  `M4S is up in ${((Date.now() - started) / 1000).toFixed(1)} s on ${db.engine === 'pglite' ? `embedded PostgreSQL (${config.DATA_DIR})` : 'PostgreSQL'}`,
  `  Admin console   ${base}/admin/`,
  `  Advisor app     ${base}/advisor/`,
  `  Owner app       ${base}/o/${seed ? demo.slug : '<group slug>'}/`,
  `  API docs        ${base}/docs${config.NODE_ENV === 'production' ? ' (staff sign-in)' : ''}`,
  ...(config.NODE_ENV === 'production' ? [] : [`  Dev SMS outbox  ${base}/dev/outbox`]),
  ...(firstRun
    ? [
        `Demo dealer group "${demo.name}" (tenant ${demo.slug}) created with ${config.DEMO_CUSTOMERS} customers. Staff sign-ins, password ${config.DEMO_PASSWORD === undefined ? demo.password : 'as set in DEMO_PASSWORD'}:`,
        `  ${demoStaff.map((s) => `${s.login} (${s.role})`).join(', ')}`,
        `Owner app sign-in: ${demoOwnerPhones.join(', ')} — the code appears in the dev SMS outbox.`,
      ]
    : []),
];
process.stdout.write(`${lines.join('\n')}\n`);

let closing = false;
const shutdown = async (signal: string) => {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'draining requests and closing');
  const timer = setTimeout(() => process.exit(1), 20_000);
  await app.close();
  await db.close();
  clearTimeout(timer);
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
