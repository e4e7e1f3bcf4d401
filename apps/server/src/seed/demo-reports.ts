import type { FastifyBaseLogger } from 'fastify';
import { systemCtx } from '../platform/context.ts';
import type { Database } from '../platform/db/types.ts';
import { dayIn, addMonths } from '../platform/time/zone.ts';
import { snapshotNight } from '../modules/kpis/snapshot.service.ts';
import { tenantStores } from '../modules/reports/reports.queries.ts';
import { generateOne } from '../modules/reports/reports.service.ts';

const quiet = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
  fatal: () => undefined,
  child: () => quiet,
} as unknown as FastifyBaseLogger;
const noJobs = { send: async () => undefined, sendMany: async () => undefined };

/**
 * Last month's monthly reports of the demo group (docs/reports.md), as the night of the 1st would have made
 * them: the KPI snapshot first (its past months taken once, as the first night does), then the group's and
 * each store's report, each in its own transaction. Nothing is sent: the demo has no subscribers yet.
 */
export const seedDemoReports = async (db: Database, input: { tenantId: string; now: Date; zone: string }) => {
  const { tenantId, now } = input;
  const clock = { now: () => now };
  const ctxOf = (tx: Parameters<Parameters<Database['transaction']>[1]>[0]) =>
    systemCtx({ tenantId, tx, jobs: noJobs, clock, log: quiet, requestId: 'demo-reports' });
  await db.transaction({ tenantId }, (tx) => snapshotNight(ctxOf(tx), dayIn(now, input.zone)));
  const month = addMonths(`${dayIn(now, input.zone).slice(0, 7)}-01`, -1).slice(0, 7);
  const { storeIds } = await db.transaction({ tenantId }, (tx) => tenantStores(tx.sql, tenantId));
  for (const storeId of [null, ...storeIds])
    await db.transaction({ tenantId }, (tx) => generateOne(ctxOf(tx), month, storeId, null));
  return { reports: storeIds.length + 1 };
};
