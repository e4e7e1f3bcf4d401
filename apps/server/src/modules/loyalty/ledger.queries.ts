import { z } from 'zod';
import { ledgerKinds, ledgerSources, type LedgerKind, type LedgerSource } from '@m4s/contracts';
import { col, maybeRow, oneRow, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/**
 * The wallet's statements (docs/loyalty.md). Every change of a balance takes the member's row first
 * (`lockMember`: INSERT … ON CONFLICT DO UPDATE locks it and answers the newest balance), so two spends
 * of one wallet at once queue on it and the second sees what the first left.
 */

const balanceRow = z.object({ balance: col.number });

/** Makes the member's row if missing and locks it for the transaction; the balance as it now is. */
export const lockMember = async (sql: SqlExecutor, tenantId: string, customerId: string, at: Date) =>
  oneRow(
    balanceRow,
    await sql.executeSql(
      `INSERT INTO loyalty_members (tenant_id, customer_id, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, customer_id) DO UPDATE SET updated_at = excluded.updated_at
       RETURNING balance`,
      [tenantId, customerId, at],
    ),
    'lockMember',
  ).balance;

export type NewEntry = {
  id: string;
  customerId: string;
  kind: LedgerKind;
  points: number;
  balanceAfter: number;
  source: LedgerSource;
  sourceId: string;
  storeId: string | null;
  at: Date;
  expiresOn: string | null;
  staffId: string | null;
  note: string | null;
};

/** Appends one entry unless its (source, source id, kind) is there already: true when it was written. */
export const appendEntry = async (sql: SqlExecutor, tenantId: string, e: NewEntry): Promise<boolean> => {
  const { rows } = await sql.executeSql(
    `INSERT INTO points_ledger (tenant_id, id, customer_id, kind, points, balance_after, source, source_id, store_id,
       at, expires_on, staff_id, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (tenant_id, source, source_id, kind) DO NOTHING RETURNING id`,
    [
      tenantId,
      e.id,
      e.customerId,
      e.kind,
      e.points,
      e.balanceAfter,
      e.source,
      e.sourceId,
      e.storeId,
      e.at,
      e.expiresOn,
      e.staffId,
      e.note,
    ],
  );
  return rows.length === 1;
};

export const setBalance = async (sql: SqlExecutor, tenantId: string, customerId: string, balance: number) => {
  await sql.executeSql('UPDATE loyalty_members SET balance = $3 WHERE tenant_id = $1 AND customer_id = $2', [
    tenantId,
    customerId,
    balance,
  ]);
};

const entryRow = z.object({
  id: col.text,
  customer_id: col.text,
  kind: z.enum(ledgerKinds),
  points: col.number,
  balance_after: col.number,
  source: z.enum(ledgerSources),
  source_id: col.text,
  store_id: col.textOrNull,
  store_name: col.textOrNull,
  at: col.instant,
  expires_on: col.textOrNull,
  note: col.textOrNull,
});
export type EntryRow = z.output<typeof entryRow>;

const entryColumns = `l.id, l.customer_id, l.kind, l.points, l.balance_after, l.source, l.source_id, l.store_id,
  s.name AS store_name, l.at, l.expires_on::text AS expires_on, l.note`;

/** An entry by its idempotency key (what to reverse, what a duplicate request already did). */
export const entryBySource = async (
  sql: SqlExecutor,
  tenantId: string,
  source: LedgerSource,
  sourceId: string,
  kind: LedgerKind,
) =>
  maybeRow(
    entryRow,
    await sql.executeSql(
      `SELECT ${entryColumns} FROM points_ledger l
       LEFT JOIN stores s ON s.tenant_id = l.tenant_id AND s.id = l.store_id
       WHERE l.tenant_id = $1 AND l.source = $2 AND l.source_id = $3 AND l.kind = $4`,
      [tenantId, source, sourceId, kind],
    ),
  );

/** The customer's statement, newest first. */
export const entriesOf = async (sql: SqlExecutor, tenantId: string, customerId: string, limit = 200) =>
  parseRows(
    entryRow,
    await sql.executeSql(
      `SELECT ${entryColumns} FROM points_ledger l
       LEFT JOIN stores s ON s.tenant_id = l.tenant_id AND s.id = l.store_id
       WHERE l.tenant_id = $1 AND l.customer_id = $2 ORDER BY l.at DESC, l.id DESC LIMIT $3`,
      [tenantId, customerId, limit],
    ),
  );

const memberRow = z.object({
  customer_id: col.text,
  balance: col.number,
  points_12m: col.number,
  spend_12m_fen: col.number,
  tier: col.text,
  tier_since: col.textOrNull,
  grace_until: col.textOrNull,
});
export type MemberRow = z.output<typeof memberRow>;

export const memberOf = async (sql: SqlExecutor, tenantId: string, customerId: string) =>
  maybeRow(
    memberRow,
    await sql.executeSql(
      `SELECT customer_id, balance, points_12m, spend_12m_fen, tier, tier_since::text AS tier_since,
         grace_until::text AS grace_until
       FROM loyalty_members WHERE tenant_id = $1 AND customer_id = $2`,
      [tenantId, customerId],
    ),
  );

/**
 * The points that expire first and when: oldest points are spent first, so what is still held of the
 * earliest expiry day is what its positive entries added beyond everything taken away so far.
 */
export const nextExpiry = async (sql: SqlExecutor, tenantId: string, customerId: string, after: string) =>
  maybeRow(
    z.object({ on: col.text, points: col.number }),
    await sql.executeSql(
      `WITH p AS (
         SELECT expires_on, sum(points) AS pts,
                sum(sum(points)) OVER (ORDER BY expires_on) AS upto
         FROM points_ledger WHERE tenant_id = $1 AND customer_id = $2 AND points > 0 AND expires_on IS NOT NULL
         GROUP BY expires_on),
       n AS (SELECT coalesce(-sum(points), 0) AS taken FROM points_ledger
             WHERE tenant_id = $1 AND customer_id = $2 AND points < 0)
       SELECT p.expires_on::text AS on, least(p.pts, p.upto - n.taken)::int AS points
       FROM p, n WHERE p.expires_on >= $3::date AND p.upto - n.taken > 0
       ORDER BY p.expires_on LIMIT 1`,
      [tenantId, customerId, after],
    ),
  );

export const tierHistoryOf = async (sql: SqlExecutor, tenantId: string, customerId: string) =>
  parseRows(
    z.object({ from_tier: col.textOrNull, to_tier: col.text, day: col.text }),
    await sql.executeSql(
      `SELECT from_tier, to_tier, day::text AS day FROM tier_changes
       WHERE tenant_id = $1 AND customer_id = $2 ORDER BY day DESC, id DESC LIMIT 50`,
      [tenantId, customerId],
    ),
  );

export const blankNotes = async (sql: SqlExecutor, tenantId: string, customerId: string) => {
  await sql.executeSql(
    'UPDATE points_ledger SET note = NULL WHERE tenant_id = $1 AND customer_id = $2 AND note IS NOT NULL',
    [tenantId, customerId],
  );
};

/** A merge: the duplicate's balance joins the kept member's; its own row goes (the ledger moves by itself). */
export const foldMember = async (sql: SqlExecutor, tenantId: string, intoId: string, fromId: string, at: Date) => {
  const from = await memberOf(sql, tenantId, fromId);
  if (!from) return;
  const into = await lockMember(sql, tenantId, intoId, at);
  await setBalance(sql, tenantId, intoId, into + from.balance);
  await sql.executeSql('DELETE FROM loyalty_members WHERE tenant_id = $1 AND customer_id = $2', [tenantId, fromId]);
};

/** The tenant's settings (jsonb) and time zone. */
export const programmeOf = async (sql: SqlExecutor, tenantId: string) =>
  oneRow(
    z.object({ loyalty: z.record(z.string(), z.unknown()), timezone: col.text }),
    await sql.executeSql('SELECT loyalty, timezone FROM tenants WHERE id = $1', [tenantId]),
    'programmeOf',
  );

export const saveProgramme = async (sql: SqlExecutor, tenantId: string, settings: object) => {
  await sql.executeSql('UPDATE tenants SET loyalty = $2::jsonb WHERE id = $1', [tenantId, JSON.stringify(settings)]);
};
