import {
  importFieldsOneOf,
  importKindOrder,
  importKinds,
  type ImportJob,
  type ImportKind,
  type ImportMapping,
  type ImportSheet,
} from '@m4s/contracts';
import type { ImportJobRow } from './imports.queries.ts';
import { requiredFieldsOf, suggestMapping } from './mapping.ts';

/** The tenant's saved mapping per kind ("map once"), for the suggestions. */
export type SavedMappings = Partial<Record<ImportKind, ImportMapping | null>>;

/**
 * The kind a sheet's headers suggest: the one whose required fields (and one-of groups) its suggested mapping covers best
 * (by share, then by how many fields it maps at all; the first in `importKinds` on a tie). None when no
 * kind's required field is found among the headers.
 */
export const suggestKind = (headers: string[], saved: SavedMappings): ImportKind | null => {
  let best: { kind: ImportKind; share: number; mapped: number } | null = null;
  for (const kind of importKinds) {
    const mapping = suggestMapping(kind, headers, saved[kind] ?? null);
    // Each required field is a slot, and so is each group of which one field must be mapped (VIN or car number).
    const slots = [...requiredFieldsOf(kind).map((f) => [f]), ...(importFieldsOneOf[kind] ?? [])];
    const share = slots.length === 0 ? 0 : slots.filter((g) => g.some((f) => mapping[f])).length / slots.length;
    const mapped = Object.keys(mapping).length;
    if (share > 0 && (!best || share > best.share || (share === best.share && mapped > best.mapped)))
      best = { kind, share, mapped };
  }
  return best?.kind ?? null;
};

/** A sheet's place in a run: kinds in `importKindOrder`, a kind not listed last. */
const rankOf = (kind: ImportKind) => {
  const at = importKindOrder.indexOf(kind);
  return at < 0 ? importKindOrder.length : at;
};

export type ChosenSheet = ImportSheet & { kind: ImportKind };

/** The sheets a run imports, in dependency order (sheets of one kind in the workbook's order). */
export const runOrder = (sheets: ImportSheet[]): ChosenSheet[] =>
  sheets
    .filter((s): s is ChosenSheet => s.kind !== null && s.status !== 'left_out')
    .sort((a, b) => rankOf(a.kind) - rankOf(b.kind) || a.index - b.index);

/** Whether a sheet has something to import: a header row and at least one data row. */
export const hasRows = (sheet: Pick<ImportSheet, 'headers' | 'sampleRows'>) =>
  sheet.headers.length > 0 && sheet.sampleRows.length > 0;

const statusOfLegacy = (status: ImportJobRow['status']): ImportSheet['status'] =>
  status === 'needs_mapping' || status === 'queued' ? 'pending' : status;

/** The file name without its extension: a CSV's one sheet is named after its file. */
export const fileStem = (fileName: string) => fileName.replace(/\.[^.]+$/, '');

/**
 * The sheets of an import. One recorded before workbooks (migration 0033) has none stored: it is its
 * one sheet, the import's own columns.
 */
export const sheetsOf = (row: ImportJobRow): ImportSheet[] =>
  row.sheets.length > 0
    ? // An undone run's sheets were undone with it.
      row.status === 'undone'
      ? row.sheets.map((s) => (s.status === 'done' ? { ...s, status: 'undone' as const } : s))
      : row.sheets
    : [
        {
          index: 0,
          name: fileStem(row.fileName),
          kind: row.kind,
          suggestedKind: row.kind,
          headers: row.headers,
          sampleRows: row.sampleRows,
          mapping: row.mapping ?? {},
          suggestions: { [row.kind]: row.mapping ?? {} },
          status: statusOfLegacy(row.status),
          rowsTotal: row.rowsTotal,
          rowsDone: row.rowsDone,
          rowsFailed: row.rowsFailed,
          counts: row.counts,
        },
      ];

/** The import's own kind, headers, sample rows and mapping: its first chosen sheet's (workbook order). */
export const leadSheet = (sheets: ImportSheet[]): ImportSheet | undefined =>
  sheets.find((s) => s.kind !== null && s.status !== 'left_out') ?? sheets.find(hasRows) ?? sheets[0];

/** A sheet's progress cleared for a run. */
export const unstarted = (sheet: ImportSheet): ImportSheet => ({
  ...sheet,
  status: sheet.status === 'left_out' ? 'left_out' : 'pending',
  rowsTotal: null,
  rowsDone: 0,
  rowsFailed: 0,
  counts: {},
});

export type { ImportJob };
