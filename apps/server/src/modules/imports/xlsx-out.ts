import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import ExcelJS from './excel.ts';

export const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** attachment; with an ASCII fallback and the real (Chinese) name as RFC 5987 UTF-8. */
export const attachment = (fileName: string, fallback: string) =>
  `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export type SheetColumn = { header: string; width: number };

/** What an export sends: its names, columns, and the rows page by page. */
export type XlsxSheet = {
  fileName: string;
  fallbackName: string;
  sheetName: string;
  note?: string | null;
  columns: SheetColumn[];
  pages: AsyncIterable<(string | number | null)[][]>;
};

/**
 * Sends an .xlsx that is written while it is sent: rows come page by page from `pages` (each page read
 * in its own short transaction by the caller) into ExcelJS's streaming writer, so neither the rows nor
 * the workbook are ever held whole in memory.
 */
export const sendXlsx = (reply: FastifyReply, input: XlsxSheet) => {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(input.sheetName, { views: [{ state: 'frozen', ySplit: input.note ? 2 : 1 }] });
  sheet.columns = input.columns.map((c) => ({ width: c.width }));
  const write = async () => {
    if (input.note) sheet.addRow([input.note]).commit();
    const head = sheet.addRow(input.columns.map((c) => c.header));
    head.font = { bold: true };
    head.commit();
    for await (const rows of input.pages) for (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => {
    reply.log.error({ err: error }, 'xlsx stream failed');
    out.destroy(error as Error);
  });
  return reply
    .header('content-type', xlsxMime)
    .header('content-disposition', attachment(input.fileName, input.fallbackName))
    .header('cache-control', 'no-store')
    .send(out);
};
