import { z } from 'zod';
import { col, oneRow, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/** The admin's member list and the settlement between stores (docs/loyalty.md). */

export const memberPageSize = 50;

/** What of a member's balance expires by the day $3 (oldest points go first). */
const expiringBy = `
  greatest(0, (SELECT coalesce(sum(l.points) FILTER (WHERE l.points > 0 AND l.expires_on <= $3::date), 0)
                    + coalesce(sum(l.points) FILTER (WHERE l.points < 0), 0)
               FROM points_ledger l WHERE l.tenant_id = lm.tenant_id AND l.customer_id = lm.customer_id))`;

export const memberPage = async (
  sql: SqlExecutor,
  tenantId: string,
  f: { tier: string | null; minPoints: number | null; expiringBy: string; expiringOnly: boolean; page: number },
) => {
  const where = `lm.tenant_id = $1 AND ($2::text IS NULL OR lm.tier = $2::text)
    AND ($4::int IS NULL OR lm.balance >= $4::int)
    AND (NOT $5::boolean OR ${expiringBy} > 0)`;
  const params = [tenantId, f.tier, f.expiringBy, f.minPoints, f.expiringOnly];
  const total = oneRow(
    z.object({ n: col.number }),
    await sql.executeSql(`SELECT count(*) AS n FROM loyalty_members lm WHERE ${where}`, params),
  ).n;
  const items = parseRows(
    z.object({
      customer_id: col.text,
      name: col.text,
      tier: col.text,
      balance: col.number,
      points_12m: col.number,
      expiring: col.number,
      grace_until: col.textOrNull,
    }),
    await sql.executeSql(
      `SELECT lm.customer_id, c.name, lm.tier, lm.balance, lm.points_12m, ${expiringBy} AS expiring,
         lm.grace_until::text AS grace_until
       FROM loyalty_members lm JOIN customers c ON c.tenant_id = lm.tenant_id AND c.id = lm.customer_id
       WHERE ${where}
       ORDER BY lm.balance DESC, lm.customer_id LIMIT ${memberPageSize} OFFSET $6`,
      [...params, (f.page - 1) * memberPageSize],
    ),
  );
  return { total, items };
};

/**
 * Points spent (redeemed) from $2 to before $3 by store, split by the store where they were earned: each
 * customer's additions and takings laid end to end in time (oldest points go first), a redemption takes
 * from the additions its stretch overlaps.
 */
export const settlement = async (sql: SqlExecutor, tenantId: string, from: Date, to: Date) =>
  parseRows(
    z.object({
      earned_at: col.textOrNull,
      earned_at_name: col.textOrNull,
      spent_at: col.textOrNull,
      spent_at_name: col.textOrNull,
      points: col.number,
    }),
    await sql.executeSql(
      `WITH pos AS (
         SELECT tenant_id, customer_id, store_id,
                sum(points) OVER (PARTITION BY tenant_id, customer_id ORDER BY at, id) - points AS lo,
                sum(points) OVER (PARTITION BY tenant_id, customer_id ORDER BY at, id) AS hi
         FROM points_ledger WHERE tenant_id = $1 AND points > 0),
       neg AS (
         SELECT tenant_id, customer_id, store_id, kind, at,
                sum(-points) OVER (PARTITION BY tenant_id, customer_id ORDER BY at, id) + points AS lo,
                sum(-points) OVER (PARTITION BY tenant_id, customer_id ORDER BY at, id) AS hi
         FROM points_ledger WHERE tenant_id = $1 AND points < 0),
       flows AS (
         SELECT p.tenant_id, p.store_id AS earned_at, n.store_id AS spent_at,
                sum(least(p.hi, n.hi) - greatest(p.lo, n.lo))::int AS points
         FROM neg n JOIN pos p ON p.tenant_id = n.tenant_id AND p.customer_id = n.customer_id
           AND p.lo < n.hi AND n.lo < p.hi
         WHERE n.kind = 'redeem' AND n.at >= $2 AND n.at < $3
         GROUP BY p.tenant_id, p.store_id, n.store_id)
       SELECT f.earned_at, e.name AS earned_at_name, f.spent_at, s.name AS spent_at_name, f.points
       FROM flows f
       LEFT JOIN stores e ON e.tenant_id = f.tenant_id AND e.id = f.earned_at
       LEFT JOIN stores s ON s.tenant_id = f.tenant_id AND s.id = f.spent_at
       WHERE f.earned_at IS DISTINCT FROM f.spent_at AND f.points > 0
       ORDER BY f.points DESC, e.name, s.name`,
      [tenantId, from, to],
    ),
  );

/** Members per tier (the demo's report, the admin's summary). */
export const tierCounts = async (sql: SqlExecutor, tenantId: string) =>
  parseRows(
    z.object({ tier: col.text, n: col.number }),
    await sql.executeSql(
      'SELECT tier, count(*) AS n FROM loyalty_members WHERE tenant_id = $1 GROUP BY tier ORDER BY tier',
      [tenantId],
    ),
  );
