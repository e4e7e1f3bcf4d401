import type { NightlyStep } from './platform/nightly/nightly.ts';
import { nightlyJob as nightlyJobOf, runNightlySteps, type NightlyDeps } from './platform/nightly/schedule.ts';
import { signInThrottleNightly } from './modules/auth/auth.nightly.ts';
import { callExpiryNightly } from './modules/calls/calls.nightly.ts';
import { careSweepNightly } from './modules/care/care.nightly.ts';
import { complaintDeadlinesNightly } from './modules/complaints/complaints.nightly.ts';
import { classifyNightly } from './modules/segments/segments.nightly.ts';
import { loyaltyNightly } from './modules/loyalty/loyalty.nightly.ts';
import { referralNightly } from './modules/referrals/referrals.nightly.ts';
import { eventsNightly } from './modules/events/events.nightly.ts';
import { surveyTemplatesNightly } from './modules/surveys/surveys.nightly.ts';
import { knowledgeNightly } from './modules/content/content.nightly.ts';
import { webhookLogNightly } from './modules/webhooks/webhooks.nightly.ts';
import { kpiSnapshotNightly } from './modules/kpis/kpis.nightly.ts';
import { monthlyReportNightly } from './modules/reports/reports.nightly.ts';

/**
 * Every tenant's night, in order (docs/care.md): a module joins with `defineNightly` in its own
 * `<module>.nightly.ts` and one line here. The classification comes first: the sweep reads its classes.
 */
export const nightlySteps: readonly NightlyStep[] = [
  classifyNightly,
  loyaltyNightly,
  referralNightly,
  careSweepNightly,
  callExpiryNightly,
  webhookLogNightly,
  signInThrottleNightly,
  surveyTemplatesNightly,
  knowledgeNightly,
  complaintDeadlinesNightly,
  eventsNightly,
  kpiSnapshotNightly,
  monthlyReportNightly,
];

/** The queued night (platform/nightly/schedule.ts), with these steps. */
export const nightlyJob = nightlyJobOf(nightlySteps);

/**
 * Runs one tenant's nightly steps for one local day (YYYY-MM-DD) now — what the CLI calls. Steps already
 * recorded for the day are skipped unless `force`; the result says which ran and which were skipped.
 */
export const runNightly = (deps: NightlyDeps, tenantId: string, day: string, options: { force?: boolean } = {}) =>
  runNightlySteps(deps, nightlySteps, tenantId, day, options);
