import { fileURLToPath } from 'node:url';
import { importWorkbookSample, type ImportSampleName, type Locale } from '@m4s/contracts';
import type { StaffCtx } from '../../platform/context.ts';
import { fieldMessage } from '../../platform/i18n.ts';
import { AppError } from '../../platform/errors.ts';
import { importErrorsAfter, storedErrorCounts } from './imports.queries.ts';
import { importForReport } from './imports.service.ts';
import type { InStaffTx } from '../../platform/http/staff-tx.ts';
import type { XlsxSheet } from './xlsx-out.ts';
import { fileStem, sheetsOf } from './sheets.ts';

/** The sample DMS exports shipped in the repository (samples/dms), one per kind, and the three-sheet workbook. */
const samplesDir = fileURLToPath(new URL('../../../../../samples/dms/', import.meta.url));
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const csvType = 'text/csv; charset=utf-8';
const sampleFiles: Record<ImportSampleName, { name: string; fallback: string; type: string }> = {
  customers: { name: '客户车辆档案-示例.xlsx', fallback: 'dms-customers-sample.xlsx', type: xlsxType },
  // GB18030, as most Chinese DMS exports write CSV.
  vehicles: { name: '车辆档案-示例.csv', fallback: 'dms-vehicles-sample.csv', type: 'text/csv; charset=gb18030' },
  sales: { name: '销售交车-示例.xlsx', fallback: 'dms-sales-sample.xlsx', type: xlsxType },
  repair_orders: { name: '维修工单-示例.csv', fallback: 'dms-repair-orders-sample.csv', type: csvType },
  repair_order_lines: { name: '工单明细-示例.csv', fallback: 'dms-repair-order-lines-sample.csv', type: csvType },
  [importWorkbookSample]: { name: '旧系统导出-示例.xlsx', fallback: 'dms-workbook-sample.xlsx', type: xlsxType },
};

/** The sample file of a kind (or the workbook), with its download names and type; anything else is not found. */
export const sampleFile = (kind: string) => {
  const sample = Object.hasOwn(sampleFiles, kind) ? sampleFiles[kind as ImportSampleName] : null;
  if (!sample) throw new AppError('NOT_FOUND');
  return { ...sample, path: `${samplesDir}${sample.name}` };
};

type ErrorKey = { sheet: number; rowNo: number; id: string };
type ErrorPage = Awaited<ReturnType<typeof importErrorsAfter>>;

/** One page of a run's errors after the last one sent (keyset on sheet, row number, then id). */
const errorsAfter = (ctx: StaffCtx, importId: string, after: ErrorKey | null): Promise<ErrorPage> =>
  importErrorsAfter(ctx.db, ctx.tenantId, importId, after, 1000);

/**
 * A run's errors as an XLSX report, read page by page in short transactions while it is sent. Row numbers
 * are per sheet: a run of several sheets has the sheet's name in a first column (工作表), sheet by sheet.
 */
export const errorReport = async (inTx: InStaffTx, id: string, locale: Locale): Promise<XlsxSheet> => {
  const run = await inTx((ctx) => importForReport(ctx, id));
  const zh = locale === 'zh-CN';
  const sheets = sheetsOf(run);
  const bySheet = sheets.filter((s) => s.status !== 'left_out').length > 1;
  const nameOf = new Map(sheets.map((s) => [s.index, s.name]));
  async function* pages() {
    let after: ErrorKey | null = null;
    for (;;) {
      const from = after;
      const rows: ErrorPage = await inTx((ctx) => errorsAfter(ctx, run.id, from));
      if (rows.length === 0) return;
      yield rows.map((r) => [
        ...(bySheet ? [nameOf.get(r.sheet) ?? String(r.sheet + 1)] : []),
        r.rowNo,
        r.column,
        r.value,
        r.message,
      ]);
      const last = rows.at(-1);
      after = last ? { sheet: last.sheet, rowNo: last.rowNo, id: last.id } : null;
    }
  }
  // Past the stored lines (importErrorCap), a summary: every message with how many more rows had it.
  async function* withSummary() {
    yield* pages();
    const stored = await inTx((ctx) => storedErrorCounts(ctx.db, ctx.tenantId, run.id));
    const more = Object.entries(run.errorCounts)
      .map(([message, n]): [string, number] => [message, n - (stored.get(message) ?? 0)])
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]);
    if (more.length === 0) return;
    const moreText = fieldMessage(locale, 'import_error_more', '{n}');
    const lead = bySheet ? [null] : [];
    yield [
      [...lead, null, null, null, null],
      ...more.map(([message, n]) => [...lead, null, null, moreText.replace('{n}', n.toLocaleString('en-US')), message]),
    ];
  }
  const base = fileStem(run.fileName);
  const headers = zh ? ['行号', '列', '内容', '问题'] : ['Row', 'Column', 'Value', 'Problem'];
  const widths = [8, 16, 24, 60];
  return {
    fileName: `${base}-${zh ? '错误报告' : 'errors'}.xlsx`,
    fallbackName: 'import-errors.xlsx',
    sheetName: zh ? '错误报告' : 'Errors',
    columns: [...(bySheet ? [zh ? '工作表' : 'Sheet'] : []), ...headers].map((header, i) => ({
      header,
      width: [...(bySheet ? [16] : []), ...widths][i] ?? 12,
    })),
    pages: withSummary(),
  };
};
