// The drill-down (docs/kpis.md): the customers, sold cars or repair orders behind one KPI number in a scope
// (group, store, advisor), paged and masked by role like the customer list, and its Excel export.
import {
  kpiDefinition,
  kpiDrillQuery,
  kpiScopeQuery,
  type KpiDrill,
  type KpiDrillQuery,
  type KpiDrillRow,
  type KpiScopeQuery,
  type Locale,
} from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { dayBounds } from '../../platform/time/zone.ts';
import { tenantCompactDay, tenantToday, tenantZone } from '../../platform/time/tenant-zone.ts';
import { maskPhone, seesFullContact } from '../customers/customers.mask.ts';
import type { XlsxSheet } from '../imports/xlsx-out.ts';
import * as dq from './drill.queries.ts';
import { snapshotSums } from './kpis.queries.ts';
import { monthFor, scopeOf } from './kpis.service.ts';
import { lastDayOf, windowsOf } from './snapshot.service.ts';
import { addMonths } from '../../platform/time/zone.ts';

/** The most rows an export carries (the drill is for people to read; a bigger list is the customer export). */
export const exportLimit = 20_000;

type Page = { limit: number; offset: number };

const rowsOf = async (ctx: StaffCtx, kpi: string, query: KpiScopeQuery, page: Page) => {
  const def = kpiDefinition(kpi);
  if (!def) throw new AppError('NOT_FOUND');
  if (def.source === 'indices') throw AppError.field('kpi', 'kpi_no_drill');
  const s = scopeOf(ctx, query);
  const month = await monthFor(ctx, query.month);
  const zone = await tenantZone(ctx);
  const p = { ...s, ...page };
  if (def.source === 'visits') {
    const range = { from: dayBounds(month, zone).from, to: dayBounds(addMonths(month, 1), zone).from, zone };
    return { month, kind: 'visits' as const, rows: await dq.visitDrill(ctx.sql, def.visitType!, range, p) };
  }
  // The day the month's figures were taken: the list is the one behind the number shown.
  const [snap] = await snapshotSums(ctx.sql, s, [month], 'month');
  const today = await tenantToday(ctx);
  const asOf = snap?.as_of ?? (lastDayOf(month) < today ? lastDayOf(month) : today);
  const w = windowsOf(ctx.tenantId, asOf, zone);
  const rows =
    kpi in dq.vehicleKpiFilters
      ? await dq.vehicleDrill(ctx.sql, kpi, w, p)
      : await dq.customerDrill(ctx.sql, kpi, w, p);
  return { month, kind: 'customers' as const, rows };
};

const out = (ctx: StaffCtx, r: dq.DrillRow): KpiDrillRow => ({
  customerId: r.customer_id,
  name: r.name,
  phone:
    r.phone === null
      ? null
      : seesFullContact(ctx.actor, { salesConsultantId: r.sales_consultant_id, serviceAdvisorId: r.service_advisor_id })
        ? r.phone
        : maskPhone(r.phone),
  storeName: r.store_name,
  advisorName: r.advisor_name,
  counted: r.counted,
  visits: r.visits,
  maintenanceVisits: r.maintenance_visits,
  lastVisitOn: r.last_visit_on,
  orderNumber: r.order_number,
  amountYuan: r.amount_fen === null ? null : r.amount_fen / 100,
});

export const drill = async (ctx: StaffCtx, kpi: string, raw: KpiDrillQuery): Promise<KpiDrill> => {
  const query = kpiDrillQuery.parse(raw);
  const { page, pageSize, ...scope } = query;
  const got = await rowsOf(ctx, kpi, scope, { limit: pageSize, offset: (page - 1) * pageSize });
  return {
    kpi,
    month: got.month.slice(0, 7),
    kind: got.kind,
    total: got.rows[0]?.total ?? 0,
    page,
    pageSize,
    items: got.rows.map((r) => out(ctx, r)),
  };
};

const words = {
  'zh-CN': {
    sheet: '指标明细',
    file: '指标明细',
    yes: '是',
    no: '否',
    columns: [
      '客户',
      '电话',
      '门店',
      '服务顾问',
      '计入分子',
      '近12个月到店',
      '近12个月保养',
      '最近到店/交车日',
      '工单/车牌',
      '金额（元）',
    ],
  },
  en: {
    sheet: 'KPI detail',
    file: 'kpi-detail',
    yes: 'yes',
    no: 'no',
    columns: [
      'Customer',
      'Phone',
      'Store',
      'Advisor',
      'Counted',
      'Visits (12 months)',
      'Maintenance (12 months)',
      'Last visit / delivery',
      'Order / plate',
      'Amount (¥)',
    ],
  },
} satisfies Record<Locale, unknown>;

/** The drill's rows as a spreadsheet (masked as on screen), read in one transaction; audited. */
export const drillSheet = async (ctx: StaffCtx, kpi: string, raw: KpiScopeQuery): Promise<XlsxSheet> => {
  const query = kpiScopeQuery.parse(raw);
  const got = await rowsOf(ctx, kpi, query, { limit: exportLimit, offset: 0 });
  const w = words[ctx.request.locale];
  await audit(ctx, {
    action: 'kpi.drill_exported',
    details: {
      kpi,
      month: got.month.slice(0, 7),
      storeId: query.storeId ?? null,
      advisorId: query.advisorId ?? null,
      rows: got.rows.length,
    },
  });
  const day = await tenantCompactDay(ctx, ctx.clock.now());
  const rows = got.rows.map((r) => {
    const o = out(ctx, r);
    return [
      o.name,
      o.phone,
      o.storeName,
      o.advisorName,
      o.counted ? w.yes : w.no,
      o.visits,
      o.maintenanceVisits,
      o.lastVisitOn,
      o.orderNumber,
      o.amountYuan,
    ];
  });
  return {
    fileName: `${w.file}-${kpi}-${day}.xlsx`,
    fallbackName: `kpi-${kpi}-${day}.xlsx`,
    sheetName: w.sheet,
    columns: w.columns.map((header) => ({ header, width: 16 })),
    pages: (async function* () {
      yield rows;
    })(),
  };
};
