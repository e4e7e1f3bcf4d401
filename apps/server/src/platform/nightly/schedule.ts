import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { defineJob, type JobDefinition } from '../jobs/queue.ts';
import type { JobRunner } from '../jobs/runner.ts';
import { tenantSuspended } from '../tenant-status.ts';
import { tenantZone } from '../time/tenant-zone.ts';
import { addDays, instantOf, localOf } from '../time/zone.ts';
import { daysToRun, hasRunBefore, runDay, type DayRun, type NightlyStep } from './nightly.ts';

export const nightlyJobName = 'nightly';

/** The tenant's local day and time now, the days either side of `day` (today by default), and its 02:00. */
const localNow = async (ctx: Ctx, day?: string) => {
  const zone = await tenantZone(ctx);
  const now = localOf(ctx.clock.now(), zone);
  const base = day ?? now.day;
  return {
    today: now.day,
    time: now.time,
    before: addDays(base, -1),
    after: addDays(base, 1),
    /** 02:00 of `day` in the tenant's zone. */
    at: instantOf(base, '02:00', zone),
  };
};

/** 02:00 of `day` in the tenant's zone. */
export const nightlyTime = async (ctx: Ctx, day: string): Promise<Date> => (await localNow(ctx, day)).at;

const send = async (ctx: Ctx, day: string, startAfter?: Date) => {
  await ctx.jobs.send(
    nightlyJobName,
    { tenantId: ctx.tenantId, day },
    { ...(startAfter ? { startAfter } : {}), singletonKey: `${nightlyJobName}:${ctx.tenantId}:${day}` },
  );
};

/**
 * Queues the tenant's night of `day` at 02:00 tenant time (one waiting per tenant and day: the queue's
 * 'short' policy drops a second). Each night queues the next one, so a tenant's chain, once started,
 * keeps itself going in its own time zone.
 */
export const scheduleNightly = async (ctx: Ctx, day: string): Promise<void> =>
  send(ctx, day, await nightlyTime(ctx, day));

/** Starts (or confirms) the tenant's chain: the next 02:00 in its zone. */
export const startNightlyChain = async (ctx: Ctx): Promise<void> => {
  const { today, time, after } = await localNow(ctx);
  await scheduleNightly(ctx, time < '02:00' ? today : after);
};

/**
 * What the server does for every active tenant at start and then hourly: a brand-new tenant runs today's
 * steps at once (so a new dealer group, the demo among them, has today's care tasks on its first day); a
 * tenant whose last nights did not all run (the server was down at 02:00) runs them now, oldest first; and
 * the chain is (re)started at the next 02:00.
 */
export const ensureNightly = async (ctx: Ctx, steps: readonly NightlyStep[]): Promise<void> => {
  const { today, time, before } = await localNow(ctx);
  if (!(await hasRunBefore(ctx))) await send(ctx, today);
  else {
    const lastNight = time < '02:00' ? before : today;
    if ((await daysToRun(ctx, steps, lastNight)).length > 0) await send(ctx, lastNight);
  }
  await startNightlyChain(ctx);
};

const payload = z.object({ tenantId: z.uuid(), day: z.iso.date() });

/**
 * The job of one tenant's night: every day up to `day` that has not all run (the nights caught up, then this
 * one), each step in its order, then the next night is queued.
 */
export const nightlyJob = (steps: readonly NightlyStep[]): JobDefinition<typeof payload> =>
  defineJob({
    name: nightlyJobName,
    payload,
    policy: 'short',
    retryLimit: 3,
    expireInSeconds: 60 * 60,
    steps: async (job, { day }) => {
      // A tenant suspended by the platform operator skips its nights; the chain is kept, so resuming
      // needs nothing restarted (docs/operator.md).
      if (await job.step((ctx) => tenantSuspended(ctx.db, ctx.tenantId))) {
        await job.step(async (ctx) => scheduleNightly(ctx, (await localNow(ctx, day)).after));
        job.log.info({ day }, 'nightly skipped: tenant suspended');
        return;
      }
      const days = await job.step((ctx) => daysToRun(ctx, steps, day));
      const runs: DayRun[] = [];
      for (const d of days) runs.push(await runDay(job, steps, d));
      await job.step(async (ctx) => scheduleNightly(ctx, (await localNow(ctx, day)).after));
      job.log.info({ day, runs }, 'nightly done');
    },
  });

/** The runner carries the database and the clock; `log` names the run in the server's log. */
export type NightlyDeps = { runner: JobRunner; log: FastifyBaseLogger };

/**
 * Runs one tenant's steps for one local day now, outside the queue (the CLI's "run the nightly steps for a
 * date"): steps already recorded for the day are skipped unless `force`. Does not queue a next night.
 */
export const runNightlySteps = async (
  deps: NightlyDeps,
  steps: readonly NightlyStep[],
  tenantId: string,
  day: string,
  options: { force?: boolean } = {},
): Promise<DayRun> => {
  const log = deps.log.child({ tenantId, nightly: day });
  return runDay(deps.runner.stepsFor(tenantId, log), steps, day, options);
};
