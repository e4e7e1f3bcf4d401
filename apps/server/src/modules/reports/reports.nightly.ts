import { defineNightly } from '../../platform/nightly/nightly.ts';
import { addMonths } from '../../platform/time/zone.ts';
import type { ReportModel } from './report-model.ts';
import * as q from './reports.queries.ts';
import { generateOne } from './reports.service.ts';
import { sendMonth } from './reports.send.ts';

/**
 * 月度报告 (docs/reports.md): on the 1st of the month (the tenant's day) the month just ended is reported for
 * the group and each store, each in its own short transaction, then sent to the subscribers. Idempotent: a
 * scope whose report exists is not made again, and a report once sent is not sent again. After the KPI
 * snapshot, whose last night of the month it reads.
 */
export const monthlyReportNightly = defineNightly({
  name: 'reports.monthly',
  run: async (job, day) => {
    if (!day.endsWith('-01')) return { generated: 0, sent: 0 };
    const month = addMonths(day, -1).slice(0, 7);
    const { storeIds } = await job.step((ctx) => q.tenantStores(ctx.sql, ctx.tenantId));
    const done = await job.step((ctx) => q.scopesDone(ctx.sql, ctx.tenantId, month));
    if (done.length > 0 && done.every((d) => d.sent)) return { generated: 0, sent: 0 };
    const made = new Map<string | null, ReportModel>();
    for (const storeId of [null, ...storeIds]) {
      if (done.some((d) => d.store_id === storeId && d.sent)) continue;
      made.set(storeId, await job.step((ctx) => generateOne(ctx, month, storeId, null)));
    }
    const sent = await job.step((ctx) => sendMonth(ctx, month, made));
    return { generated: made.size, ...sent };
  },
});
