// What a monthly report holds (docs/reports.md), read from the modules that compute it — the KPI board, the
// cockpit's monthly trend, the indices module's satisfaction, the complaint module's monthly summary and the
// loyalty settlement — never recomputed here. Read as the group (a synthetic group reader): a report is the
// same whoever generates it.
import type { ComplaintMonthly, KpiBoard, SettlementReport, Trend } from '@m4s/contracts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { addMonths } from '../../platform/time/zone.ts';
import { tenantToday } from '../../platform/time/tenant-zone.ts';
import { trend } from '../cockpit/cockpit.service.ts';
import { complaintMonthly } from '../complaints/complaint-reports.ts';
import { figures } from '../indices/indices.service.ts';
import { board } from '../kpis/kpis.service.ts';
import { lastDayOf } from '../kpis/snapshot.service.ts';
import { settlementReport } from '../loyalty/loyalty.service.ts';
import { storeNames } from '../stores/stores.service.ts';

export type SatisfactionRow = {
  label: string;
  responses: number;
  csat: number | null;
  nps: number | null;
  csi: number | null;
};
export type ReportData = {
  month: string;
  tenantName: string;
  storeId: string | null;
  storeName: string | null;
  kpis: KpiBoard;
  service: {
    now: Trend['months'][number] | null;
    previous: Trend['months'][number] | null;
    lastYear: Trend['months'][number] | null;
  };
  satisfaction: SatisfactionRow[];
  complaints: ComplaintMonthly;
  loyalty: { pointsSpent: number; valueFen: number };
};

/** The group's reader: what the nightly step (and a manager's "generate now") reads the figures as. */
export const groupReader = (ctx: Ctx): StaffCtx => ({
  ...ctx,
  storeId: null,
  actor: {
    kind: 'staff',
    id: '00000000-0000-0000-0000-000000000000',
    role: 'group_admin',
    storeId: null,
    customerScope: 'group',
    sessionId: 'monthly-report',
    csrfToken: '',
  },
});

/** The months a report may be made for: a month already over, at most 23 months back (the trend's reach). */
export const checkMonth = async (ctx: Ctx, month: string) => {
  const thisMonth = `${(await tenantToday(ctx)).slice(0, 7)}-01`;
  const first = `${month}-01`;
  if (first >= thisMonth) throw AppError.field('month', 'report_month_not_over');
  if (first < addMonths(thisMonth, -23)) throw AppError.field('month', 'report_month_too_old');
  let back = 0;
  for (let m = first; m < thisMonth; m = addMonths(m, 1)) back++;
  return { first, back };
};

export const reportData = async (
  ctx: Ctx,
  input: { month: string; storeId: string | null; tenantName: string },
): Promise<ReportData> => {
  const reader = groupReader(ctx);
  const { first, back } = await checkMonth(ctx, input.month);
  const storeId = input.storeId ?? undefined;
  const names = await storeNames(reader);
  const kpis = await board(reader, { month: input.month, storeId });
  const months = (await trend(reader, { storeId, months: Math.max(3, Math.min(24, back + 13)) })).months;
  const monthRow = (m: string) => months.find((r) => r.month === m.slice(0, 7)) ?? null;
  const sat = await figures(reader, { from: first, to: lastDayOf(first), period: 'month', by: 'store', storeId });
  const complaints = await complaintMonthly(reader, { month: input.month, storeId });
  const settled = await settlementReport(reader, input.month);
  const spent = settled.rows.filter(
    (r: SettlementReport['rows'][number]) => !input.storeId || r.spentAt === input.storeId,
  );
  return {
    month: input.month,
    tenantName: input.tenantName,
    storeId: input.storeId,
    storeName: input.storeId ? (names.get(input.storeId) ?? null) : null,
    kpis,
    service: {
      now: monthRow(first),
      previous: monthRow(addMonths(first, -1)),
      lastYear: monthRow(addMonths(first, -12)),
    },
    satisfaction: sat.rows
      .filter((r) => r.key === null || !input.storeId || r.key === input.storeId)
      .map((r) => ({
        label: r.label ?? (r.key ? (names.get(r.key) ?? r.key) : '—'),
        responses: r.responses,
        csat: r.csat,
        nps: r.nps,
        csi: r.csi,
      })),
    complaints,
    loyalty: {
      pointsSpent: spent.reduce((s, r) => s + r.points, 0),
      valueFen: spent.reduce((s, r) => s + r.valueFen, 0),
    },
  };
};
