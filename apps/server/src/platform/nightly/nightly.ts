import type { Ctx } from '../context.ts';
import type { JobSteps } from '../jobs/queue.ts';

/**
 * One step of a tenant's night (classification, the care sweep, …): `run` does the step's work for one local
 * day, in short transactions through `job.step` (a long one would hold every request on PGlite). It must be
 * idempotent for its day: a step is recorded once it has run, but a crash between its work and the record,
 * or an operator's forced re-run, runs it again. What it returns is kept with the record (counts only).
 */
export type NightlyStep = {
  /** Unique and stable: the record of a run is keyed by it (e.g. 'segments.classify'). */
  name: string;
  run: (job: JobSteps, day: string) => Promise<Record<string, unknown> | void>;
};

/** A module joins the night with one call, in its own `<module>.nightly.ts`; src/nightly.ts lists them in order. */
export const defineNightly = (step: NightlyStep): NightlyStep => step;

/**
 * How many nights back a start-up catches up: a long weekend's outage (three 02:00s missed) is run again,
 * oldest first; anything older is left alone — a care message a week late would do more harm than good.
 */
export const catchUpNights = 3;

/**
 * What of a step's summary goes into the log: its numbers (and maps of numbers, e.g. sends per rule), never
 * text — a step's summary is its own to fill, and no name, phone or plate may reach a log line. Keys too:
 * only code identifiers (lower-case first, letters, digits, `_`), so a map keyed by a phone, plate, VIN,
 * name or id is left out whole.
 */
const codeKey = /^[a-z][A-Za-z0-9_]*$/;
const isCounts = (value: unknown): value is Record<string, number> =>
  !!value &&
  typeof value === 'object' &&
  Object.entries(value).every(([k, v]) => codeKey.test(k) && typeof v === 'number');

export const countsOf = (summary: object): Record<string, number | Record<string, number>> => {
  const counts: Record<string, number | Record<string, number>> = {};
  for (const [key, value] of Object.entries(summary) as [string, unknown][]) {
    if (!codeKey.test(key)) continue;
    if (typeof value === 'number' || isCounts(value)) counts[key] = value;
  }
  return counts;
};

export type DayRun = { day: string; ran: string[]; skipped: string[] };

const recordedSteps = async (ctx: Ctx, day: string): Promise<Set<string>> => {
  const { rows } = await ctx.sql.executeSql('SELECT step FROM nightly_runs WHERE tenant_id = $1 AND day = $2', [
    ctx.tenantId,
    day,
  ]);
  return new Set(rows.map((r) => String(r.step)));
};

const record = async (ctx: Ctx, run: { day: string; step: string; startedAt: Date; summary: object }) => {
  await ctx.sql.executeSql(
    `INSERT INTO nightly_runs (tenant_id, day, step, started_at, finished_at, summary)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)
     ON CONFLICT (tenant_id, day, step)
     DO UPDATE SET started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at, summary = EXCLUDED.summary`,
    [ctx.tenantId, run.day, run.step, run.startedAt, ctx.clock.now(), JSON.stringify(run.summary)],
  );
};

/**
 * The tenant's steps for one day, in their order; a step already recorded for the day is skipped unless
 * `force` (an operator's re-run). A step that throws stops the night there: the ones before it stay
 * recorded, so the retry starts with the one that failed.
 */
export const runDay = async (
  job: JobSteps,
  steps: readonly NightlyStep[],
  day: string,
  options: { force?: boolean } = {},
): Promise<DayRun> => {
  const done = options.force ? new Set<string>() : await job.step((ctx) => recordedSteps(ctx, day));
  const result: DayRun = { day, ran: [], skipped: [] };
  for (const step of steps) {
    if (done.has(step.name)) {
      result.skipped.push(step.name);
      continue;
    }
    const startedAt = job.clock.now();
    const summary = (await step.run(job, day)) ?? {};
    await job.step((ctx) => record(ctx, { day, step: step.name, startedAt, summary }));
    result.ran.push(step.name);
    job.log.info({ day, step: step.name, counts: countsOf(summary) }, 'nightly step done');
  }
  return result;
};

/**
 * The days up to `upTo` whose steps have not all run, oldest first: those of the last `catchUpNights` from
 * the tenant's first recorded night on; a tenant that never ran gets `upTo` alone (its first night).
 */
export const daysToRun = async (ctx: Ctx, steps: readonly NightlyStep[], upTo: string): Promise<string[]> => {
  const { rows } = await ctx.sql.executeSql(
    `WITH first AS (SELECT min(day) AS day FROM nightly_runs WHERE tenant_id = $1),
     span AS (
       SELECT d::date AS day
         FROM first, generate_series(GREATEST(first.day, $2::date - ($3::int - 1)), $2::date, interval '1 day') AS d
        WHERE first.day IS NOT NULL
       UNION ALL SELECT $2::date FROM first WHERE first.day IS NULL)
     SELECT to_char(span.day, 'YYYY-MM-DD') AS day
       FROM span
      WHERE (SELECT count(*) FROM nightly_runs r
              WHERE r.tenant_id = $1 AND r.day = span.day AND r.step = ANY($4::text[])) < cardinality($4::text[])
      ORDER BY span.day`,
    [ctx.tenantId, upTo, catchUpNights, steps.map((s) => s.name)],
  );
  return rows.map((r) => String(r.day));
};

/** Whether the tenant has ever run a night (a brand-new tenant has not). */
export const hasRunBefore = async (ctx: Ctx): Promise<boolean> => {
  const { rows } = await ctx.sql.executeSql('SELECT 1 FROM nightly_runs WHERE tenant_id = $1 LIMIT 1', [ctx.tenantId]);
  return rows.length > 0;
};
