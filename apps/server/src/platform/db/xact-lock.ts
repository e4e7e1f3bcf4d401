import type { SqlExecutor } from './types.ts';

/**
 * Serialises the transactions that pass the same key until each one ends (`pg_advisory_xact_lock` over
 * `hashtext`: two keys that hash alike only wait for each other, never pass each other). For a read-then-write
 * step — the next number of a day, "is there one already?" — where a unique constraint alone would turn the
 * second of two concurrent requests into a 409: the second waits, then reads what the first wrote.
 */
export const lockUntilCommit = async (sql: SqlExecutor, key: string): Promise<void> => {
  await sql.executeSql('SELECT pg_advisory_xact_lock(hashtext($1)) AS locked', [key]);
};
