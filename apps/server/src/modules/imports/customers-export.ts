import type { Locale } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffActor, StaffCtx } from '../../platform/context.ts';
import { tenantCompactDay, tenantZone } from '../../platform/time/tenant-zone.ts';
import { dayIn, defaultTimeZone } from '../../platform/time/zone.ts';
import { maskIdNumber, maskPhone, seesFullContact } from '../customers/customers.mask.ts';
import { customersByIds, phonesOf, type CustomerRow } from '../customers/customers.service.ts';
import { ownCustomersOnly } from '../customers/customers.scope.ts';
import { searchCustomerIds } from '../customers/customers.search.ts';
import { storeNames as storeNamesOf } from '../stores/stores.service.ts';
import { carsOf, everyone } from './export.queries.ts';
import type { InStaffTx } from '../../platform/http/staff-tx.ts';
import type { XlsxSheet } from './xlsx-out.ts';

/** The most rows one export carries; a larger result says so in a note row above the header. */
export const customerExportCap = 50_000;
// Each page is its own short transaction: on the embedded engine (one queue) other requests go between pages.
const pageSize = 250;

const labels = {
  'zh-CN': {
    sheet: '客户',
    file: '客户导出',
    capped: (n: number) => `仅导出前 ${n.toLocaleString('en')} 位客户，请缩小搜索范围后分批导出`,
    kinds: { person: '个人', organisation: '单位' },
    genders: { male: '男', female: '女' },
    sources: {
      walk_in: '到店',
      phone_in: '来电',
      referral: '转介绍',
      auto_show: '车展',
      partner: '合作渠道',
      online: '网络',
      import: '系统导入',
    },
    columns: [
      '客户姓名',
      '客户类型',
      '性别',
      '手机号码',
      '其他电话',
      '生日',
      '证件号码',
      '客户来源',
      '所属门店',
      '标签',
      '车牌号',
      '车架号',
      '品牌车系',
      '建档日期',
    ],
  },
  en: {
    sheet: 'Customers',
    file: 'customers',
    capped: (n: number) =>
      `Only the first ${n.toLocaleString('en')} customers are exported; narrow the search to export the rest`,
    kinds: { person: 'Person', organisation: 'Organisation' },
    genders: { male: 'Male', female: 'Female' },
    sources: {
      walk_in: 'Walk-in',
      phone_in: 'Phone-in',
      referral: 'Referral',
      auto_show: 'Auto show',
      partner: 'Partner',
      online: 'Online',
      import: 'Import',
    },
    columns: [
      'Name',
      'Kind',
      'Gender',
      'Mobile',
      'Other phones',
      'Birthday',
      'ID number',
      'Source',
      'Home store',
      'Tags',
      'Plates',
      'VINs',
      'Brand and series',
      'Created',
    ],
  },
} as const;
const widths = [14, 8, 6, 14, 24, 12, 22, 10, 16, 20, 18, 22, 24, 12];

/** One sheet row: phones and ID numbers masked by the same rule as the 360 view (customers.mask.ts). */
export const exportRow = (
  locale: Locale,
  actor: StaffActor,
  row: CustomerRow,
  phones: string[],
  cars: { plate: string | null; vin: string; brand: string | null; series: string | null }[],
  storeName: string | null,
  /** The tenant's zone: the 建档日期 column is the tenant-local day of the record's creation. */
  zone: string = defaultTimeZone,
): (string | null)[] => {
  const l = labels[locale];
  const full = seesFullContact(actor, row);
  const shown = phones.map((p) => (full ? p : maskPhone(p)));
  return [
    row.name,
    l.kinds[row.kind],
    row.gender ? l.genders[row.gender] : null,
    shown[0] ?? null,
    shown.slice(1).join('、') || null,
    row.birthday,
    row.idNumber && (full ? row.idNumber : maskIdNumber(row.idNumber)),
    l.sources[row.source],
    storeName,
    row.tags.join('、') || null,
    cars.flatMap((c) => (c.plate ? [c.plate] : [])).join('、') || null,
    cars.map((c) => c.vin).join('、') || null,
    cars
      .map((c) => [c.brand, c.series].filter(Boolean).join(' '))
      .filter(Boolean)
      .join('、') || null,
    dayIn(row.createdAt, zone),
  ];
};

const page = async (ctx: StaffCtx, ids: string[], storeNames: Map<string, string>) => {
  // One after another: the queries share the request's one connection.
  const rows = await customersByIds(ctx.db, ctx.tenantId, ids);
  const phones = await phonesOf(ctx.db, ctx.tenantId, ids);
  const cars = await carsOf(ctx.db, ctx.tenantId, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const zone = await tenantZone(ctx);
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row || row.erasedAt) return [];
    const own = phones.filter((p) => p.customerId === id).sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
    const store = row.homeStoreId ? (storeNames.get(row.homeStoreId) ?? null) : null;
    return [
      exportRow(
        ctx.request.locale,
        ctx.actor,
        row,
        own.map((p) => p.phone),
        cars.filter((c) => c.ownerId === id),
        store,
        zone,
      ),
    ];
  });
};

/** A list of customers (ids in order, one more than the cap when there are more) as the export's sheet. */
const sheetOf = (
  inTx: InStaffTx,
  input: {
    ids: string[];
    cap: number;
    storeNames: Map<string, string>;
    locale: Locale;
    fileName: string;
    fallbackName: string;
  },
): XlsxSheet => {
  const l = labels[input.locale];
  const wanted = input.ids.slice(0, input.cap);
  async function* pages() {
    for (let i = 0; i < wanted.length; i += pageSize)
      yield await inTx((ctx) => page(ctx, wanted.slice(i, i + pageSize), input.storeNames));
  }
  return {
    fileName: input.fileName,
    fallbackName: input.fallbackName,
    sheetName: l.sheet,
    note: input.ids.length > input.cap ? l.capped(input.cap) : null,
    columns: l.columns.map((header, i) => ({ header, width: widths[i] ?? 12 })),
    pages: pages(),
  };
};

/** The day an export is dated with: the tenant-local day, as yyyymmdd. */
export const exportDay = (ctx: StaffCtx): Promise<string> => tenantCompactDay(ctx, ctx.clock.now());

/**
 * GET /customers/export.xlsx?q= — the customer search (or everyone, capped) as a spreadsheet; audited. The
 * ids are found in one transaction, each page of rows is read in its own (`inTx`) while the file is sent.
 */
export const customerExport = async (inTx: InStaffTx, q: string, cap: number): Promise<XlsxSheet> => {
  // The same search as GET /customers (without a query: everyone), one row more than the cap.
  const { ids, storeNames, locale, day } = await inTx(async (ctx) => {
    authorize(ctx.actor, 'customer.export');
    const only = ownCustomersOnly(ctx.actor);
    const found = q
      ? await searchCustomerIds(ctx.db, ctx.tenantId, q, cap + 1, only)
      : await everyone(ctx.db, ctx.tenantId, cap + 1, only);
    const names = await storeNamesOf(ctx);
    await audit(ctx, {
      action: 'customer.exported',
      details: { format: 'xlsx', query: q, rows: Math.min(found.length, cap), capped: found.length > cap },
    });
    return { ids: found, storeNames: names, locale: ctx.request.locale, day: await exportDay(ctx) };
  });
  return sheetOf(inTx, {
    ids,
    cap,
    storeNames,
    locale,
    fileName: `${labels[locale].file}-${day}.xlsx`,
    fallbackName: `customers-${day}.xlsx`,
  });
};

/** The sheet (same columns, same masking rule), for other exports of customer lists (segments). */
export const customerSheet = sheetOf;
