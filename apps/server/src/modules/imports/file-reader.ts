import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import type { CellValue } from 'exceljs';
import ExcelJS from './excel.ts';
import { cellText, type Cell } from './cells.ts';
import { countXlsxRows, entryStream, zipEntries } from './xlsx-zip.ts';

export type FileFormat = 'csv' | 'xlsx';

/** One row of the sheet; `rowNo` is the number Excel shows for it (the first line of the file is 1). */
export type SheetRow = { rowNo: number; cells: Cell[] };

/** The file cannot be read as the format it claims; `key` names the field message shown to the user. */
export class UnreadableFileError extends Error {
  constructor(
    readonly key: string,
    detail?: string,
  ) {
    super(detail ? `${key}: ${detail}` : key);
    this.name = 'UnreadableFileError';
  }
}

// ── CSV ──────────────────────────────────────────────────────────────────────────────────────────────

export type TextEncoding = 'utf-8' | 'utf-16le' | 'gb18030';

/**
 * What a CSV was saved as: a byte-order mark says so; otherwise UTF-8 if the first 64 KB decode as
 * UTF-8, else GB18030 (a superset of GBK, what Chinese Windows and most Chinese DMS exports write).
 */
export const sniffEncoding = (head: Buffer): TextEncoding => {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
};

const readHead = async (path: string, bytes = 65_536) => {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
};

/** Comma unless the first line has more tabs or semicolons (Excel's "Unicode text" is tab-separated). */
const sniffDelimiter = (firstLine: string) => {
  const count = (c: string) => firstLine.split(c).length - 1;
  return ([',', '\t', ';'] as const).reduce((best, c) => (count(c) > count(best) ? c : best), ',');
};

const decoder = (encoding: TextEncoding) => {
  const text = new TextDecoder(encoding);
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      done(null, text.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, text.decode());
    },
  });
};

async function* csvRows(path: string): AsyncGenerator<SheetRow> {
  const head = await readHead(path);
  if (head.includes(0) && sniffEncoding(head) !== 'utf-16le') throw new UnreadableFileError('import_file_not_text');
  const encoding = sniffEncoding(head);
  const firstLine =
    new TextDecoder(encoding)
      .decode(head)
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[0] ?? '';
  const input = createReadStream(path);
  const parser = parse({
    bom: true,
    delimiter: sniffDelimiter(firstLine),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(decoder(encoding)).pipe(parser);
  let rowNo = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNo += 1;
      yield { rowNo, cells: record.map((v) => (v.trim() === '' ? null : v)) };
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError('import_file_malformed_csv', `row ${rowNo + 1}: ${(error as Error).message}`);
  } finally {
    input.destroy();
    parser.destroy();
  }
}

// ── XLSX ─────────────────────────────────────────────────────────────────────────────────────────────

type ExcelValue = CellValue | { sharedString: number } | undefined;

/** A cell's value as text, number, date or boolean: formulas by their result, rich text joined. */
const toCell = (v: ExcelValue): Cell => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return toCell(v.result);
  if ('text' in v && typeof v.text === 'string') return v.text;
  return null;
};

/** The parts of WorkbookReader that parse the workbook's own files (not in its typings). */
type WorkbookParts = {
  sharedStrings?: unknown[];
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { name: string; rId: string }[] };
  _parseRels: (entry: NodeJS.ReadableStream) => Promise<void>;
  _parseWorkbook: (entry: NodeJS.ReadableStream) => Promise<void>;
  _parseStyles: (entry: NodeJS.ReadableStream) => Promise<void>;
  _parseSharedStrings: (entry: NodeJS.ReadableStream) => AsyncIterable<unknown>;
  _parseWorksheet: (entry: NodeJS.ReadableStream, sheetNo: string) => Iterable<{ value: AsyncIterable<Row> }>;
};

type Row = { number: number; values: unknown };

/** One sheet of a file: its position among the workbook's tabs and its name (a CSV: one, unnamed). */
export type SheetInfo = { index: number; name: string };

/** A file opened for reading, sheet by sheet: its sheets in tab order, and each one's rows. */
export type Workbook = {
  sheets: SheetInfo[];
  rows: (index: number) => AsyncGenerator<SheetRow>;
  /** How many rows the sheet has, counted without parsing it (an .xlsx); null when that cannot be had. */
  countRows: (index: number) => Promise<number | null>;
};

const rowsOf = async function* (sheet: AsyncIterable<Row>): AsyncGenerator<SheetRow> {
  for await (const row of sheet) {
    const values = row.values as ExcelValue[];
    const cells: Cell[] = [];
    for (let i = 1; i < values.length; i += 1) cells.push(toCell(values[i]));
    yield { rowNo: row.number, cells };
  }
};

const malformed = (error: unknown) =>
  error instanceof UnreadableFileError
    ? error
    : new UnreadableFileError('import_file_malformed_xlsx', (error as Error).message);

const readerOptions = {
  worksheets: 'emit',
  sharedStrings: 'cache',
  styles: 'cache',
  hyperlinks: 'ignore',
  entries: 'ignore',
} as const;

/**
 * A workbook whose zip cannot be walked by its directory: ExcelJS streams it from the top, and only its
 * first sheet is read (as before workbooks were read whole).
 */
const streamedXlsx = (path: string): Workbook => ({
  sheets: [{ index: 0, name: 'Sheet1' }],
  countRows: () => Promise.resolve(null),
  rows: async function* () {
    const input = createReadStream(path);
    try {
      const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, readerOptions);
      for await (const sheet of workbook) {
        yield* rowsOf(sheet);
        return;
      }
    } catch (error) {
      throw malformed(error);
    } finally {
      input.destroy();
    }
  },
});

/** Where a relationship points, as a zip entry name ("worksheets/sheet2.xml" → "xl/worksheets/sheet2.xml"). */
const entryName = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`);

/**
 * Opens an .xlsx: the workbook's relations, sheet list, styles and shared strings are read first, straight
 * from the zip (Excel writes them after the sheets, and ExcelJS would otherwise copy a sheet to a temporary
 * file to wait for them — one it leaves behind when the reading stops early, as a preview does). Each
 * sheet is then streamed from its own zip entry, in any order, as often as asked.
 */
const openXlsx = async (path: string): Promise<Workbook> => {
  const entries = await zipEntries(path).catch(() => null);
  if (!entries) return streamedXlsx(path);
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, readerOptions) as unknown as WorkbookParts;
    const open = async (name: string) => {
      const entry = entries.find((e) => e.name === name);
      return entry ? entryStream(path, entry) : null;
    };
    const rels = await open('xl/_rels/workbook.xml.rels');
    const book = await open('xl/workbook.xml');
    if (!rels || !book) return streamedXlsx(path);
    await reader._parseRels(rels);
    await reader._parseWorkbook(book);
    const styles = await open('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);
    const strings = await open('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(strings));
    // A workbook of inline strings has no table: an empty one lets the sheet stream straight through.
    reader.sharedStrings ??= [];

    // The tabs in the workbook's order; a chart sheet (no worksheet entry) is not a table.
    const targets = new Map((reader.workbookRels ?? []).map((r) => [r.Id, entryName(r.Target)]));
    const sheets = (reader.model?.sheets ?? []).flatMap((s, at) => {
      const entry = entries.find((e) => e.name === targets.get(s.rId));
      if (!entry || !entry.name.startsWith('xl/worksheets/')) return [];
      // ExcelJS names a sheet by the number in its part's name (sheet3.xml); another writer's name is fine.
      const no = /\/sheet(\d+)\.xml$/.exec(entry.name)?.[1] ?? String(at + 1);
      return [{ name: s.name, entry, no }];
    });
    const sheetAt = (index: number) => {
      const sheet = sheets[index];
      if (!sheet) throw new UnreadableFileError('import_file_no_header');
      return sheet;
    };
    return {
      sheets: sheets.map((s, index) => ({ index, name: s.name })),
      countRows: (index) => countXlsxRows(path, sheetAt(index).entry),
      rows: async function* (index) {
        const { entry, no } = sheetAt(index);
        const input = await entryStream(path, entry);
        try {
          for (const { value } of reader._parseWorksheet(input, no)) {
            yield* rowsOf(value);
            return;
          }
        } catch (error) {
          throw malformed(error);
        } finally {
          input.destroy();
        }
      },
    };
  } catch (error) {
    throw malformed(error);
  }
};

const csvBook = (path: string): Workbook => ({
  sheets: [{ index: 0, name: '' }],
  rows: () => csvRows(path),
  countRows: () => Promise.resolve(null),
});

/** Opens a file for reading: a CSV is a workbook of one sheet. */
export const openWorkbook = (path: string, format: FileFormat): Promise<Workbook> =>
  format === 'csv' ? Promise.resolve(csvBook(path)) : openXlsx(path);

/** The rows of one sheet (the first by default). */
export const readRows = async function* (path: string, format: FileFormat, sheet = 0): AsyncGenerator<SheetRow> {
  yield* (await openWorkbook(path, format)).rows(sheet);
};

// ── Header and data rows ─────────────────────────────────────────────────────────────────────────────

const filled = (cells: Cell[]) => cells.filter((c) => cellText(c) !== '').length;

/** Column letters as Excel shows them: 0 → A, 26 → AA. */
export const columnLetter = (index: number): string =>
  (index >= 26 ? columnLetter(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26));

/** Header texts made usable as mapping keys: trimmed, unique, a blank one named by its column letter. */
const headerNames = (cells: Cell[]) => {
  let last = cells.length;
  while (last > 0 && cellText(cells[last - 1] ?? null) === '') last -= 1;
  const seen = new Map<string, number>();
  return cells.slice(0, last).map((c, i) => {
    const base = cellText(c).replace(/\s+/g, ' ').slice(0, 120) || `（${columnLetter(i)}列）`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}（${n}）`;
  });
};

/**
 * The header is the first row with two or more filled cells among the first ten: DMS exports often
 * open with a title line ("客户档案 导出于 …") above it. Data rows follow; blank rows are skipped.
 */
export async function* tableOf(
  rows: AsyncIterable<SheetRow>,
): AsyncGenerator<{ headers: string[] } | { row: SheetRow }> {
  let headers: string[] | null = null;
  for await (const row of rows) {
    if (!headers) {
      if (filled(row.cells) >= 2) {
        headers = headerNames(row.cells);
        yield { headers };
      } else if (row.rowNo >= 10) throw new UnreadableFileError('import_file_no_header');
      continue;
    }
    if (filled(row.cells) > 0) yield { row };
  }
  if (!headers) throw new UnreadableFileError('import_file_no_header');
}

/** One sheet's header and data rows (the first sheet by default). */
export const readTable = (path: string, format: FileFormat, sheet = 0) => tableOf(readRows(path, format, sheet));

/** A sheet as the mapping screen shows it: its header and first rows as text (none: not a table). */
export type SheetPreview = SheetInfo & { headers: string[]; sampleRows: string[][] };

const previewSheet = async (book: Workbook, sheet: SheetInfo, rows: number): Promise<SheetPreview> => {
  let headers: string[] = [];
  const sample: string[][] = [];
  for await (const item of tableOf(book.rows(sheet.index))) {
    if ('headers' in item) headers = item.headers;
    else sample.push(headers.map((_h, i) => cellText(item.row.cells[i] ?? null)));
    if (sample.length >= rows) break;
  }
  return { ...sheet, headers, sampleRows: sample };
};

/**
 * Every sheet's header and first `rows` data rows, for the mapping screen; each sheet is read no further.
 * A workbook's sheet without a header row (a cover or notes sheet) is listed with none; a file none of
 * whose sheets has a data row is refused, as a one-sheet file always was (no header, or no rows).
 * `headers` and `sampleRows` are the first sheet's with data rows.
 */
export const previewFile = async (path: string, format: FileFormat, rows = 5) => {
  const book = await openWorkbook(path, format);
  if (book.sheets.length === 0) throw new UnreadableFileError('import_file_no_header');
  const sheets: SheetPreview[] = [];
  let noHeader: UnreadableFileError | null = null;
  for (const sheet of book.sheets) {
    try {
      sheets.push(await previewSheet(book, sheet, rows));
    } catch (error) {
      if (!(error instanceof UnreadableFileError) || error.key !== 'import_file_no_header' || book.sheets.length === 1)
        throw error;
      noHeader = error;
      sheets.push({ ...sheet, headers: [], sampleRows: [] });
    }
  }
  const first = sheets.find((s) => s.sampleRows.length > 0);
  if (!first && noHeader && sheets.every((s) => s.headers.length === 0)) throw noHeader;
  return { headers: first?.headers ?? sheets[0]?.headers ?? [], sampleRows: first?.sampleRows ?? [], sheets };
};
