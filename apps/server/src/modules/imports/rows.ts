import type { ImportMapping } from '@m4s/contracts';
import { fieldMessage } from '../../platform/i18n.ts';
import { cellText, type Cell, type Parsed } from './cells.ts';
import type { ImportErrorInsert } from './imports.queries.ts';
import type { SheetRow } from './file-reader.ts';
import type { Unlisted } from './lookups.ts';

/** Something to report about a row: an error rejects it, a warning lets it import. */
export type Issue = { rowNo: number; column: string | null; value: string | null; key: string };

/**
 * How one batch went: rows taken, rows rejected, counters to add, and what to report. `unlisted`: catalogue
 * values that matched nothing, `field\u0001text` → rows that used them (listed once in the report).
 */
export type BatchResult = {
  rows: number;
  failed: number;
  counts: Record<string, number>;
  issues: Issue[];
  unlisted?: Record<string, number>;
};

/** The key of an unlisted value in BatchResult.unlisted and import_jobs.unlisted. */
export const unlistedKey = (u: Unlisted) => `${u.field}\u0001${u.text}`;

/** Counts a stored car's unlisted catalogue values (call it once per car stored, never for a refused row). */
export const noteUnlisted = (result: BatchResult, unlisted: readonly Unlisted[]) => {
  if (unlisted.length === 0) return;
  result.unlisted ??= {};
  for (const u of unlisted) bump(result.unlisted, unlistedKey(u));
};

export const emptyResult = (): BatchResult => ({ rows: 0, failed: 0, counts: {}, issues: [] });

export const bump = (counts: Record<string, number>, key: string, by = 1) => {
  if (by !== 0) counts[key] = (counts[key] ?? 0) + by;
};

export const addCounts = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) bump(into, k, v);
};

/** Messages are stored in Chinese: the report is read by the dealer's staff, in the dealer's language. */
export const toErrorRows = (issues: Issue[]): ImportErrorInsert[] =>
  issues.map((i) => ({
    rowNo: i.rowNo,
    column: i.column,
    value: i.value === null ? null : i.value.slice(0, 500),
    message: fieldMessage('zh-CN', i.key, i.key),
  }));

/** A row seen through the mapping: each field's cell and the column it came from. */
export type FieldReader = {
  rowNo: number;
  cell: (field: string) => Cell;
  text: (field: string) => string;
  /** Parses a mapped field; a failure is recorded against the row and answers undefined. */
  parse: <T>(field: string, parser: (cell: Cell) => Parsed<T>) => T | null | undefined;
  required: (field: string) => void;
  warn: (field: string | null, key: string, value?: string | null) => void;
  fail: (field: string | null, key: string, value?: string | null) => void;
  errors: Issue[];
  warnings: Issue[];
};

/** Column positions of the mapped fields, computed once per run. */
export const columnsOf = (headers: string[], mapping: ImportMapping) =>
  new Map(Object.entries(mapping).map(([field, header]) => [field, { header, index: headers.indexOf(header) }]));

export const fieldReader = (row: SheetRow, columns: ReturnType<typeof columnsOf>): FieldReader => {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const cell = (field: string): Cell => {
    const col = columns.get(field);
    return col && col.index >= 0 ? (row.cells[col.index] ?? null) : null;
  };
  const issue = (field: string | null, key: string, value?: string | null): Issue => ({
    rowNo: row.rowNo,
    column: field ? (columns.get(field)?.header ?? null) : null,
    value: value !== undefined ? value : field ? cellText(cell(field)) || null : null,
    key,
  });
  return {
    rowNo: row.rowNo,
    cell,
    text: (field) => cellText(cell(field)),
    parse: (field, parser) => {
      const r = parser(cell(field));
      if (r === null) return null;
      if (r.ok) return r.value;
      errors.push(issue(field, r.key));
      return undefined;
    },
    required: (field) => {
      if (cellText(cell(field)) === '') errors.push(issue(field, 'import_required', null));
    },
    warn: (field, key, value) => warnings.push(issue(field, key, value)),
    fail: (field, key, value) => errors.push(issue(field, key, value)),
    errors,
    warnings,
  };
};
