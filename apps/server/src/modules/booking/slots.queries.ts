import type { SqlExecutor } from '../../platform/db/types.ts';
import { lockUntilCommit } from '../../platform/db/xact-lock.ts';

type SlotKey = { tenantId: string; storeId: string; startsAt: Date };

/**
 * Takes one place of a slot, or answers false when it is full. The row is created if missing (ON
 * CONFLICT DO NOTHING: a concurrent creator wins, we wait for it), then one guarded UPDATE increments
 * it only while under the caps. Concurrent bookings queue on the row lock and PostgreSQL re-checks the
 * WHERE on the row as the previous one left it, so however many book at once, no slot goes over.
 */
export const takePlace = async (
  sql: SqlExecutor,
  key: SlotKey,
  caps: { bookable: number; online: number },
  online: boolean,
): Promise<boolean> => {
  const at = key.startsAt.toISOString();
  await sql.executeSql(
    `INSERT INTO booking_slots (tenant_id, store_id, starts_at) VALUES ($1, $2, $3::timestamptz)
     ON CONFLICT (tenant_id, store_id, starts_at) DO NOTHING`,
    [key.tenantId, key.storeId, at],
  );
  const { rows } = await sql.executeSql(
    `UPDATE booking_slots
        SET total = total + 1, online = online + $5::int
      WHERE tenant_id = $1 AND store_id = $2 AND starts_at = $3::timestamptz
        AND total < $4::int AND ($5::int = 0 OR online < $6::int)
  RETURNING id`,
    [key.tenantId, key.storeId, at, caps.bookable, online ? 1 : 0, caps.online],
  );
  return rows.length === 1;
};

/** Gives a place back (cancel, reschedule). Never below zero, whatever happened before. */
export const releasePlace = async (sql: SqlExecutor, key: SlotKey, online: boolean) => {
  await sql.executeSql(
    `UPDATE booking_slots
        SET total = greatest(total - 1, 0), online = greatest(online - $4::int, 0)
      WHERE tenant_id = $1 AND store_id = $2 AND starts_at = $3::timestamptz`,
    [key.tenantId, key.storeId, key.startsAt.toISOString(), online ? 1 : 0],
  );
};

/**
 * Serialises requests carrying the same idempotency key (per owner or staff member) until the first
 * one's transaction ends, so the second finds the first's booking instead of making another.
 */
export const lockIdempotencyKey = async (sql: SqlExecutor, tenantId: string, scope: string, key: string) => {
  await lockUntilCommit(sql, `booking|${tenantId}|${scope}|${key}`);
};
