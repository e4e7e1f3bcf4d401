import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import { tenantSuspended } from '../../platform/tenant-status.ts';
import { addDays, localOf } from '../booking/booking.time.ts';
import { classifyTenant } from '../segments/classify.ts';
import { tenantZone } from '../tenants/tenants.service.ts';
import { sweep } from './sweep.ts';

export const sweepJobName = 'care.sweep';
export const nightlyJobName = 'care.nightly';

const dayPayload = z.object({ tenantId: z.uuid(), day: z.iso.date() });

/** One tenant's sweep of one local day (also what an operator re-runs: it makes nothing twice). */
export const careSweepJob = defineJob({
  name: sweepJobName,
  payload: dayPayload,
  retryLimit: 3,
  expireInSeconds: 30 * 60,
  handle: async (ctx, { day }) => {
    if (await tenantSuspended(ctx.db, ctx.tenantId)) return;
    const { staged, outcomes } = await sweep(ctx, day, { dryRun: false });
    ctx.log.info({ day, staged, touches: outcomes.length }, 'care sweep done');
  },
});

/** 02:00 of `day` in the tenant's zone (the database applies the zone's rules). */
export const nightlyTime = async (ctx: Ctx, day: string): Promise<Date> => {
  const zone = await tenantZone(ctx);
  const { rows } = await ctx.sql.executeSql(
    `SELECT (extract(epoch FROM (($1::date + time '02:00') AT TIME ZONE $2)) * 1000)::float8 AS at`,
    [day, zone],
  );
  return new Date(Number(rows[0]?.at));
};

/**
 * Queues the tenant's nightly run for `day` at 02:00 tenant time (once per tenant and day). Each nightly
 * run queues the next one, so a tenant's chain, once started, keeps itself going in its own time zone.
 */
export const scheduleNightly = async (ctx: Ctx, day: string): Promise<void> => {
  await ctx.jobs.send(
    nightlyJobName,
    { tenantId: ctx.tenantId, day },
    { startAfter: await nightlyTime(ctx, day), singletonKey: `${nightlyJobName}:${ctx.tenantId}:${day}` },
  );
};

/**
 * The night's work for one tenant: classification as of the day, then the sweep of the day, each in a
 * short transaction of its own (on PGlite a long one would hold every request), then the next night.
 */
export const careNightlyJob = defineJob({
  name: nightlyJobName,
  payload: dayPayload,
  retryLimit: 3,
  expireInSeconds: 60 * 60,
  steps: async (job, { day }) => {
    // A suspended tenant's night is skipped, its chain kept: resuming needs nothing to restart it.
    if (await job.step((ctx) => tenantSuspended(ctx.db, ctx.tenantId))) {
      await job.step((ctx) => scheduleNightly(ctx, addDays(day, 1)));
      job.log.info({ day }, 'care nightly skipped: tenant suspended');
      return;
    }
    const classified = await job.step((ctx) => classifyTenant(ctx, day, 'due'));
    // Fresh statistics matter after a pass that rewrote many rows; a quiet night leaves them as they were.
    if (classified.scope === 'all' || classified.written > 10_000)
      await job.analyze(['customer_segments', 'vehicle_segments']);
    const swept = await job.step((ctx) => sweep(ctx, day, { dryRun: false }));
    await job.step((ctx) => scheduleNightly(ctx, addDays(day, 1)));
    job.log.info({ day, classified, staged: swept.staged, touches: swept.outcomes.length }, 'care nightly done');
  },
});

/**
 * Starts (or confirms) the tenant's nightly chain: the next 02:00 in its zone. The server calls it for every
 * active tenant at start and then hourly, so a new tenant joins within the hour and a chain broken by an
 * outage restarts; the singleton key keeps it to one queued run per tenant and night.
 */
export const startNightlyChain = async (ctx: Ctx): Promise<void> => {
  const { day, time } = localOf(ctx.clock.now(), await tenantZone(ctx));
  await scheduleNightly(ctx, time < '02:00' ? day : addDays(day, 1));
};
