import type { SqlExecutor } from '../../platform/db/types.ts';

/**
 * The change journal of import runs (migrations 0034, 0037). Triggers on the tables an import writes log, in
 * `import_change_log`, one line per statement: the rows it inserted (table, ids) or updated (table, ids, the
 * rows before) and the fingerprint of each row as it was left (read one row per record through the view
 * `import_changes`) — but only inside a transaction that called
 * `markImportBatch`. It does not depend on how a kind applies its rows: whatever a kind writes to these
 * tables is journaled. Undo, the automatic clean-up of a failed run and the preview all read it.
 *
 * Adding a table an import writes: one line in the migration's trigger list and one line here.
 */
export const journaledTables = [
  // Parents first: an undo deletes in the reverse order.
  'customers',
  'customer_phones',
  'vehicles',
  'vehicle_ownerships',
  'mileage_readings',
  'sales_orders',
  'repair_orders',
  'repair_order_lines',
  // Beside the records: the old system's numbers and the data-fix tasks (migration 0035).
  'import_keys',
  'care_tasks',
] as const;

/**
 * Marks the current transaction as a batch of the run `importId` (sheet `sheetIndex` of a workbook): the
 * journal's triggers log what the transaction writes from here on. Transaction-local: SET LOCAL with checked
 * literals, alone in its query — on Citus the triggers run on the workers, and only a SET LOCAL reaches them
 * (as the text of its whole query: docs/scaling.md).
 */
export const markImportBatch = async (sql: SqlExecutor, importId: string, sheetIndex: number | null = null) => {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(importId))
    throw new Error(`not an import id: ${importId}`);
  if (sheetIndex !== null && !Number.isSafeInteger(sheetIndex)) throw new Error(`not a sheet index: ${sheetIndex}`);
  await sql.executeSql(
    `SET LOCAL m4s.import_id = '${importId}'; SET LOCAL m4s.import_sheet = '${sheetIndex === null ? '' : String(sheetIndex)}'`,
  );
};

/** A record that keeps a run from being undone: changed or deleted since, or now referred to by another. */
export type UndoBlocker = {
  table: string;
  rowId: string | null;
  reason: 'changed' | 'gone' | 'referenced';
  by?: string;
};

/**
 * Undoes the run in the caller's transaction: restores what it filled in, deletes what it created
 * (children first). Answers the blocking records instead, and then changes nothing.
 */
export const undoFromJournal = async (
  sql: SqlExecutor,
  tenantId: string,
  importId: string,
): Promise<{ ok: true } | { ok: false; blockers: UndoBlocker[] }> => {
  const { rows } = await sql.executeSql(
    `SELECT table_name, row_id, reason FROM app_import_undo($1::uuid, $2::uuid, $3::text[])`,
    [tenantId, importId, journaledTables],
  );
  if (rows.length === 0) return { ok: true };
  return {
    ok: false,
    blockers: rows.map((r) => {
      const reason = String(r.reason);
      const by = reason.startsWith('referenced:') ? reason.slice('referenced:'.length) : undefined;
      return {
        table: String(r.table_name),
        rowId: typeof r.row_id === 'string' ? r.row_id : null,
        reason: by !== undefined ? 'referenced' : (reason as 'changed' | 'gone'),
        ...(by ? { by } : {}),
      };
    }),
  };
};

/**
 * A human label for a record, never its raw personal data: a customer's masked name, a masked phone, a
 * car's plate (or the end of its VIN), an order's number.
 */
const labelSql: Record<string, string> = {
  customers: `SELECT x.id, left(x.name, 1) || repeat('*', greatest(char_length(x.name) - 1, 1)) AS label FROM customers x`,
  customer_phones: `SELECT x.id, left(x.phone, 3) || '****' || right(x.phone, 4) AS label FROM customer_phones x`,
  vehicles: `SELECT x.id, coalesce(x.plate, '…' || right(x.vin, 6)) AS label FROM vehicles x`,
  vehicle_ownerships: `SELECT x.id, coalesce(v.plate, '…' || right(v.vin, 6)) AS label FROM vehicle_ownerships x
    LEFT JOIN vehicles v ON v.tenant_id = x.tenant_id AND v.id = x.vehicle_id`,
  mileage_readings: `SELECT x.id, coalesce(v.plate, '…' || right(v.vin, 6)) || ' ' || x.km || ' km' AS label
    FROM mileage_readings x LEFT JOIN vehicles v ON v.tenant_id = x.tenant_id AND v.id = x.vehicle_id`,
  sales_orders: `SELECT x.id, coalesce(x.external_ref, coalesce(v.plate, '…' || right(v.vin, 6))) AS label
    FROM sales_orders x LEFT JOIN vehicles v ON v.tenant_id = x.tenant_id AND v.id = x.vehicle_id`,
  repair_orders: `SELECT x.id, x.number AS label FROM repair_orders x`,
  repair_order_lines: `SELECT x.id, o.number || ' ' || x.description AS label FROM repair_order_lines x
    LEFT JOIN repair_orders o ON o.tenant_id = x.tenant_id AND o.id = x.repair_order_id`,
};

/** Labels of records by table (records that no longer exist get none). */
export const recordLabels = async (
  sql: SqlExecutor,
  tenantId: string,
  records: { table: string; rowId: string | null }[],
) => {
  const out = new Map<string, string>();
  const byTable = new Map<string, string[]>();
  for (const r of records)
    if (r.rowId && labelSql[r.table]) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r.rowId]);
  for (const [table, ids] of byTable) {
    const { rows } = await sql.executeSql(
      `SELECT q.id, q.label FROM (${labelSql[table]} WHERE x.tenant_id = $1 AND x.id = ANY($2::uuid[])) q`,
      [tenantId, ids],
    );
    for (const row of rows) if (typeof row.label === 'string') out.set(`${table}:${String(row.id)}`, row.label);
  }
  return out;
};

/** One record a (dry) run wrote: created, or filled in (with the fields it changed). */
export type JournalRecord = {
  table: string;
  rowId: string;
  action: 'created' | 'filled';
  /** The row as stored (for a fill: only the fields the run changed). */
  values: Record<string, unknown>;
  /** For a fill: those fields before. */
  before?: Record<string, unknown>;
};

/** Columns never shown: keys and bookkeeping. */
const hiddenColumns = new Set(['tenant_id', 'id', 'created_at', 'updated_at']);

/**
 * What the run wrote so far, read in its own transaction (the preview's dry run, before it is rolled back):
 * each record once, as it stands now, at most `limit` of them.
 */
export const journalRecords = async (
  sql: SqlExecutor,
  tenantId: string,
  importId: string,
  limit: number,
): Promise<JournalRecord[]> => {
  const { rows } = await sql.executeSql(
    `SELECT c.table_name, c.row_id, bool_or(c.op = 'insert') AS created,
            (array_agg(c.old_row ORDER BY c.seq) FILTER (WHERE c.op = 'update'))[1] AS old_row, min(c.seq) AS first
       FROM import_changes c WHERE c.tenant_id = $1 AND c.import_id = $2
      GROUP BY c.table_name, c.row_id ORDER BY first LIMIT $3`,
    [tenantId, importId, limit],
  );
  const byTable = new Map<string, string[]>();
  for (const r of rows)
    byTable.set(String(r.table_name), [...(byTable.get(String(r.table_name)) ?? []), String(r.row_id)]);
  const current = new Map<string, Record<string, unknown>>();
  for (const [table, ids] of byTable) {
    const { rows: found } = await sql.executeSql(
      `SELECT x.id, to_jsonb(x) AS row FROM "${table.replaceAll('"', '')}" x WHERE x.tenant_id = $1 AND x.id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
    for (const f of found) current.set(`${table}:${String(f.id)}`, asObject(f.row));
  }
  return rows.flatMap((r): JournalRecord[] => {
    const table = String(r.table_name);
    const rowId = String(r.row_id);
    const now = current.get(`${table}:${rowId}`);
    if (!now) return [];
    const visible = (row: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(row).filter(([k, v]) => !hiddenColumns.has(k) && v !== null));
    if (r.created === true) return [{ table, rowId, action: 'created', values: visible(now) }];
    const old = asObject(r.old_row);
    const changed = Object.keys(now).filter(
      (k) => !hiddenColumns.has(k) && JSON.stringify(now[k]) !== JSON.stringify(old[k]),
    );
    if (changed.length === 0) return [];
    return [
      {
        table,
        rowId,
        action: 'filled',
        values: Object.fromEntries(changed.map((k) => [k, now[k] ?? null])),
        before: Object.fromEntries(changed.map((k) => [k, old[k] ?? null])),
      },
    ];
  });
};

const asObject = (value: unknown): Record<string, unknown> => {
  if (typeof value === 'string') return JSON.parse(value) as Record<string, unknown>;
  return (value ?? {}) as Record<string, unknown>;
};

/**
 * Erasure: journal entries about the person go — their customer row (its old values are personal data) and
 * the rows that named them before a run changed them. A run's undo then no longer covers those records. A
 * line of the log is a whole statement's rows: the others stay on it, and a line left empty goes.
 */
export const forgetPersonInJournal = async (sql: SqlExecutor, tenantId: string, customerId: string) => {
  await sql.executeSql(
    `WITH entries AS (
       SELECT l.import_id, l.seq, l.op, u.row_id, u.new_hash, u.old_row, u.n,
              (u.row_id = $2::uuid OR coalesce(u.old_row->>'customer_id' = $3 OR u.old_row->>'owner_id' = $3, false)) AS named
         FROM import_change_log l
        CROSS JOIN LATERAL unnest(l.row_ids, l.new_hashes, l.old_rows) WITH ORDINALITY AS u(row_id, new_hash, old_row, n)
        WHERE l.tenant_id = $1),
     hit AS (SELECT DISTINCT import_id, seq FROM entries WHERE named),
     kept AS (
       SELECT e.import_id, e.seq, array_agg(e.row_id ORDER BY e.n) AS ids, array_agg(e.new_hash ORDER BY e.n) AS hashes,
              CASE WHEN bool_and(e.op = 'update') THEN array_agg(e.old_row ORDER BY e.n) END AS olds
         FROM entries e JOIN hit USING (import_id, seq) WHERE NOT e.named GROUP BY e.import_id, e.seq),
     emptied AS (
       DELETE FROM import_change_log l USING hit
        WHERE l.tenant_id = $1 AND l.import_id = hit.import_id AND l.seq = hit.seq
          AND NOT EXISTS (SELECT 1 FROM kept k WHERE k.import_id = hit.import_id AND k.seq = hit.seq))
     UPDATE import_change_log l SET row_ids = k.ids, new_hashes = k.hashes, old_rows = k.olds
       FROM kept k WHERE l.tenant_id = $1 AND l.import_id = k.import_id AND l.seq = k.seq`,
    [tenantId, customerId, customerId],
  );
};
