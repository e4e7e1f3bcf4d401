// 月度报告 (docs/reports.md): generating a month's reports (group and stores), listing and downloading them,
// and the managers' subscriptions. The figures come from report-data.ts; the files from report-files.ts.
import { randomUUID } from 'node:crypto';
import {
  reportGenerateBody,
  reportListQuery,
  reportSubscriptionBody,
  type MonthlyReport,
  type ReportGenerateBody,
  type ReportSubscription,
  type ReportSubscriptionBody,
} from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { storeScope } from '../../platform/auth/permissions.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { checkMonth, reportData } from './report-data.ts';
import { reportPdf, reportXlsx } from './report-files.ts';
import { reportModel } from './report-model.ts';
import * as q from './reports.queries.ts';

const reportOut = (r: q.ReportRow): MonthlyReport => ({
  id: r.id,
  month: r.month,
  storeId: r.store_id,
  storeName: r.store_name,
  offTarget: r.off_target,
  xlsxBytes: r.xlsx_bytes,
  pdfBytes: r.pdf_bytes,
  generatedAt: r.generated_at.toISOString(),
  generatedBy: r.generated_by,
  sentAt: r.sent_at?.toISOString() ?? null,
});

/** Builds and stores one month's report for one scope (null: the group). */
export const generateOne = async (ctx: Ctx, month: string, storeId: string | null, by: string | null) => {
  const { name } = await q.tenantStores(ctx.sql, ctx.tenantId);
  const data = await reportData(ctx, { month, storeId, tenantName: name });
  const at = ctx.clock.now();
  const model = reportModel(data, 'zh-CN', at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC');
  const [xlsx, pdf] = await Promise.all([reportXlsx(model), reportPdf(model)]);
  await q.saveReport(ctx.sql, {
    tenantId: ctx.tenantId,
    id: randomUUID(),
    month,
    storeId,
    xlsx,
    pdf,
    offTarget: model.offTarget,
    at,
    by,
  });
  return model;
};

/** The reports the person may see: a group role every one (or one store's), a store role its store's. */
export const list = async (ctx: StaffCtx, raw: unknown) => {
  const query = reportListQuery.parse(raw);
  const own = storeScope(ctx.actor);
  if (own && query.storeId && query.storeId !== own) throw new AppError('FORBIDDEN');
  const rows = await q.listReports(ctx.sql, ctx.tenantId, {
    storeId: own ?? query.storeId ?? null,
    groupToo: false,
  });
  return { items: rows.map(reportOut) };
};

/** Generates (or regenerates) a month over: the group's and every store's, or a store role's own; audited. */
export const generate = async (ctx: StaffCtx, raw: ReportGenerateBody) => {
  const body = reportGenerateBody.parse(raw);
  await checkMonth(ctx, body.month);
  const own = storeScope(ctx.actor);
  const scopes = own ? [own] : [null, ...(await q.tenantStores(ctx.sql, ctx.tenantId)).storeIds];
  for (const storeId of scopes) await generateOne(ctx, body.month, storeId, ctx.actor.id);
  await audit(ctx, { action: 'report.generated', details: { month: body.month, reports: scopes.length } });
  const rows = await q.listReports(ctx.sql, ctx.tenantId, { storeId: own, month: body.month, groupToo: false });
  return { items: rows.map(reportOut) };
};

export type ReportFile = { fileName: string; fallbackName: string; buffer: Buffer; mime: string };
const mimes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/** One report's file; another store's report is a 404 to a store role, as is another tenant's. */
export const download = async (ctx: StaffCtx, id: string, which: 'xlsx' | 'pdf'): Promise<ReportFile> => {
  const row = await q.reportFile(ctx.sql, ctx.tenantId, id, which);
  const own = storeScope(ctx.actor);
  if (!row || (own && row.store_id !== own)) throw new AppError('NOT_FOUND');
  const who = row.store_name ?? '集团';
  return {
    fileName: `月度报告-${who}-${row.month}.${which}`,
    fallbackName: `monthly-report-${row.month}.${which}`,
    buffer: Buffer.from(row.file),
    mime: mimes[which],
  };
};

const subOut = (s: q.SubRow): ReportSubscription => ({
  id: s.id,
  storeId: s.store_id,
  storeName: s.store_name,
  format: s.format,
  email: s.email,
});
export const subscriptions = async (ctx: StaffCtx) => ({
  items: (await q.subscriptionsOf(ctx.sql, ctx.tenantId, ctx.actor.id)).map(subOut),
});

/** Subscribes the signed-in manager to the group's or a store's report (a store role: its own store only). */
export const subscribe = async (ctx: StaffCtx, raw: ReportSubscriptionBody) => {
  const body = reportSubscriptionBody.parse(raw);
  const own = storeScope(ctx.actor);
  if (own && body.storeId !== own) throw new AppError('FORBIDDEN');
  if (body.storeId && !(await q.tenantStores(ctx.sql, ctx.tenantId)).storeIds.includes(body.storeId))
    throw AppError.field('storeId', 'store_unknown');
  await q.upsertSubscription(ctx.sql, {
    tenantId: ctx.tenantId,
    id: randomUUID(),
    staffId: ctx.actor.id,
    storeId: body.storeId,
    format: body.format,
    email: body.email,
    at: ctx.clock.now(),
  });
  return subscriptions(ctx);
};

export const unsubscribe = async (ctx: StaffCtx, id: string) => {
  if (!(await q.deleteSubscription(ctx.sql, ctx.tenantId, ctx.actor.id, id))) throw new AppError('NOT_FOUND');
  return subscriptions(ctx);
};
