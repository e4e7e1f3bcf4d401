// The monthly report's two files from one model (docs/reports.md): an XLSX (ExcelJS, a sheet per section,
// off-target rows in red) and a PDF (pdfkit, Noto Sans Hans from @embedpdf/fonts-sc embedded and subset, so
// the Chinese text shows on any machine without system fonts).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import ExcelJS from '../imports/excel.ts';
import type { Cell, ReportModel } from './report-model.ts';

const red = 'FFC0392B';

export const reportXlsx = async (model: ReportModel): Promise<Buffer> => {
  const book = new ExcelJS.Workbook();
  for (const s of model.sections) {
    const sheet = book.addWorksheet(s.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 3 }] });
    sheet.columns = s.columns.map((_, i) => ({ width: i === 0 ? 28 : 14 }));
    sheet.addRow([model.title]).font = { bold: true, size: 13 };
    sheet.addRow([`${model.subtitle} · ${model.note}`]);
    sheet.addRow(s.columns).font = { bold: true };
    s.rows.forEach((row, i) => {
      const added = sheet.addRow(row);
      if (s.marked[i]) added.font = { color: { argb: red }, bold: true };
    });
    if (s.rows.length === 0 && s.empty) sheet.addRow([s.empty]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
};

const require = createRequire(import.meta.url);
/** The Regular weight of Noto Sans Hans (GB 2312), shipped by the npm package: no system font needed. */
export const reportFontPath = join(
  dirname(require.resolve('@embedpdf/fonts-sc')),
  '..',
  'fonts',
  'NotoSansHans-Regular.otf',
);

const text = (v: Cell) => (v === null ? '—' : String(v));

export const reportPdf = (model: ReportModel): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: model.title } });
    const chunks: Buffer[] = [];
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('sc', reportFontPath);
    doc.font('sc');
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    doc.fontSize(16).text(model.title);
    doc.fontSize(9).fillColor('#555555').text(model.subtitle);
    doc.fillColor(model.offTarget > 0 ? '#c0392b' : '#1e7e34').text(model.note);
    for (const s of model.sections) {
      doc.moveDown(0.8).fillColor('#000000').fontSize(12).text(s.title, left);
      const first = Math.min(170, width * 0.34);
      const rest = s.columns.length > 1 ? (width - first) / (s.columns.length - 1) : 0;
      const xs = s.columns.map((_, i) => (i === 0 ? left : left + first + rest * (i - 1)));
      const ws = s.columns.map((_, i) => (i === 0 ? first : rest) - 4);
      const line = (cells: Cell[], color: string) => {
        doc.fontSize(8.5).fillColor(color);
        const heights = cells.map((c, i) => doc.heightOfString(text(c), { width: ws[i] }));
        const h = Math.max(12, ...heights) + 3;
        if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage().font('sc');
        const y = doc.y;
        cells.forEach((c, i) => doc.text(text(c), xs[i], y, { width: ws[i], lineBreak: true }));
        doc.y = y + h;
      };
      line(s.columns, '#333333');
      doc
        .moveTo(left, doc.y - 2)
        .lineTo(left + width, doc.y - 2)
        .strokeColor('#999999')
        .stroke();
      s.rows.forEach((row, i) => line(row, s.marked[i] ? '#c0392b' : '#000000'));
      if (s.rows.length === 0 && s.empty) line([s.empty], '#555555');
    }
    doc.end();
  });
