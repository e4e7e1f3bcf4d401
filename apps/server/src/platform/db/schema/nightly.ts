import { date, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantPolicy } from './tenant-table.ts';
import { stamp, tenants } from './tenancy.ts';

/**
 * Which nightly step ran for which tenant and local day (platform/nightly): a step recorded here is not run
 * again for that day, and a day of the last few without its steps is caught up when the server starts.
 */
export const nightlyRuns = pgTable(
  'nightly_runs',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    day: date('day', { mode: 'string' }).notNull(),
    step: text('step').notNull(),
    startedAt: stamp('started_at').notNull(),
    finishedAt: stamp('finished_at').notNull(),
    /** What the step reported (counts only, never personal data). */
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day, t.step] }), tenantPolicy('nightly_runs')],
).enableRLS();
