import type { ErrorCode, FieldIssue } from '@m4s/contracts';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { parseRows } from './rows.ts';
import type { Database } from './types.ts';

/** Unique indexes whose violation means "already taken" to a user, with the field it concerns. */
const uniqueMeaning: Record<string, { code: ErrorCode; path: string; message: string }> = {
  tenants_slug_key: { code: 'SLUG_TAKEN', path: 'slug', message: 'slug_taken' },
  operators_login_key: { code: 'LOGIN_TAKEN', path: 'login', message: 'login_taken' },
  stores_code_key: { code: 'STORE_CODE_TAKEN', path: 'code', message: 'store_code_taken' },
  staff_login_key: { code: 'LOGIN_TAKEN', path: 'login', message: 'login_taken' },
  staff_phone_key: { code: 'PHONE_TAKEN', path: 'phone', message: 'phone_taken' },
  customer_phones_phone_key: { code: 'PHONE_TAKEN', path: 'phones', message: 'phone_taken' },
  vehicles_vin_key: { code: 'CONFLICT', path: 'vin', message: 'vin_taken' },
  repair_orders_number_key: { code: 'CONFLICT', path: 'number', message: 'ro_number_taken' },
  service_types_code_key: { code: 'CONFLICT', path: 'code', message: 'service_code_taken' },
  bookings_advisor_slot_key: { code: 'CONFLICT', path: 'advisorId', message: 'advisor_busy' },
  visits_open_vehicle_key: { code: 'CONFLICT', path: 'vehicleId', message: 'visit_already_open' },
};

type PgLike = {
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  message?: string;
  cause?: unknown;
};

/**
 * The names a refusal carries. A Citus coordinator relays a worker's refusal with its message and detail only
 * (no constraint, table or column field), and the names in it are the shard's (`customers_102264`,
 * `…_fk_102264`): they are read from the message then (PostgreSQL's own wording, lc_messages in English as
 * the server default) and looked up without the shard's number (`shardless`).
 */
const named = (pg: PgLike): PgLike => {
  if (pg.constraint || pg.column || !pg.message) return pg;
  const quoted = (after: string) => new RegExp(`${after} "([^"]+)"`).exec(pg.message ?? '')?.[1];
  return {
    ...pg,
    constraint: quoted('constraint'),
    table: quoted('(?:on|of) (?:table|relation)'),
    column: pg.code === '23502' ? quoted('column') : undefined,
  };
};

export const pgErrorOf = (error: unknown): PgLike | null => {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const candidate = e as PgLike;
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return named(candidate);
    e = candidate.cause;
  }
  return null;
};

/** A shard's name as its table's: `customers_102264` → `customers`, `stores_code_key_102024` → `stores_code_key`. */
const shardless = (name: string) => name.replace(/_\d+$/, '');

/**
 * Looks a name up as it is, then as the table's when it names a shard (a refusal relayed by Citus). A name
 * too long to take the shard's number is cut, with the 8 hex digits of its hashtext() before the number
 * (`customers_tenant_id_sales_consultant_id_staff_t_4471b3bf_102244`): found by that hash and its start.
 */
class ShardAwareMap<V> extends Map<string, V> {
  readonly #byHash = new Map<string, string>();
  hashed(name: string, hash: string) {
    this.#byHash.set(hash, name);
  }
  override get(name: string): V | undefined {
    const bare = shardless(name);
    const found = super.get(name) ?? super.get(bare);
    if (found) return found;
    const cut = /^(.+)_([0-9a-f]{8})$/.exec(bare);
    const full = cut?.[2] ? this.#byHash.get(cut[2]) : undefined;
    return full && cut?.[1] && full.startsWith(cut[1]) ? super.get(full) : undefined;
  }
}
const meaningOf = (constraint: string | undefined) =>
  constraint ? (uniqueMeaning[constraint] ?? uniqueMeaning[shardless(constraint)]) : undefined;

/** A constraint or unique index: the table it belongs to and its columns, in order. */
export type ConstraintColumns = ReadonlyMap<string, { table: string; columns: string[] }>;

const constraintRow = z.object({ name: z.string(), table: z.string(), columns: z.string(), hash: z.string() });

/**
 * Every foreign key, unique constraint and unique index of the schema with its table and columns, read from the
 * catalogue (pg_constraint, pg_index) once per database: what a refusal names (`constraint`) becomes the request's
 * field. Read as the owner, outside the request's transaction (which the refusal has aborted).
 */
const constraintCache = new WeakMap<Database, Promise<ConstraintColumns>>();
export const constraintColumns = (db: Database): Promise<ConstraintColumns> => {
  let cached = constraintCache.get(db);
  if (!cached) {
    cached = db.owner
      .executeSql(
        `SELECT c.conname AS name, t.relname AS "table", lpad(to_hex(hashtext(c.conname)), 8, '0') AS hash,
                array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, i)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.i), ',') AS columns
           FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE n.nspname = 'public' AND c.contype IN ('f', 'u', 'p')
         UNION ALL
         SELECT i.relname, t.relname, lpad(to_hex(hashtext(i.relname)), 8, '0'),
                array_to_string(ARRAY(SELECT a.attname FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, i)
                  JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.i), ',')
           FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE n.nspname = 'public' AND x.indisunique`,
      )
      .then((result) => {
        const map = new ShardAwareMap<{ table: string; columns: string[] }>();
        for (const row of parseRows(constraintRow, result, 'constraint columns')) {
          if (map.has(row.name)) continue;
          map.set(row.name, { table: row.table, columns: row.columns.split(',').filter(Boolean) });
          map.hashed(row.name, row.hash);
        }
        return map;
      });
    cached.catch(() => constraintCache.delete(db));
    constraintCache.set(db, cached);
  }
  return cached;
};

/** Whether mapping this error needs the constraint columns (a foreign key or unique refusal without its own meaning). */
export const needsConstraintColumns = (error: unknown): boolean => {
  const pg = pgErrorOf(error);
  return !!pg?.constraint && (pg.code === '23503' || (pg.code === '23505' && !meaningOf(pg.constraint)));
};

/** home_store_id → homeStoreId: a column as the API names its field. */
const fieldOf = (column: string) => column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** The fields a constraint holds, as the request names them: every column but the tenant's. */
const fieldsOf = (pg: PgLike, columns: ConstraintColumns | null): string[] => {
  const known = pg.constraint ? columns?.get(pg.constraint) : undefined;
  return (known?.columns ?? []).filter((c) => c !== 'tenant_id').map(fieldOf);
};

const issuesFor = (paths: string[], message: string): { issues: FieldIssue[] } => ({
  issues: paths.map((path) => ({ path, message })),
});

/**
 * Database refusals that a person can cause — a race for the same unique value, a concurrent update, an id that
 * names nothing — as the 4xx they mean, naming the field (from the constraint's columns, `columns`) and never a
 * value: a refusal's `detail` carries the row's data and stays out of the answer. The checks in services give the
 * friendly answer first; this covers the rest.
 */
export const fromDatabaseError = (error: unknown, columns: ConstraintColumns | null = null): AppError | null => {
  const pg = pgErrorOf(error);
  if (!pg) return null;
  if (pg.code === '23505') {
    const meaning = meaningOf(pg.constraint);
    if (meaning)
      return new AppError(meaning.code, undefined, { issues: [{ path: meaning.path, message: meaning.message }] });
    const fields = fieldsOf(pg, columns);
    return new AppError('CONFLICT', undefined, fields.length ? issuesFor(fields, 'value_taken') : {});
  }
  // Raised by app_tenant_by_slug (migration 0020): the slug names a suspended dealer group.
  if (pg.code === 'M4S01') return new AppError('TENANT_SUSPENDED');
  if (pg.code === '40001' || pg.code === '40P01') return new AppError('CONFLICT');
  if (pg.code === '23503') {
    const known = pg.constraint ? columns?.get(pg.constraint) : undefined;
    // Deleting (or re-keying) a row others still point at: the refusal names the referenced table, not the
    // constraint's own — nothing in the request is wrong, the record is in use.
    if (
      (known && pg.table && shardless(pg.table) !== shardless(known.table)) ||
      pg.message?.startsWith('update or delete on table')
    ) {
      return new AppError('CONFLICT', undefined, issuesFor(['id'], 'still_referenced'));
    }
    const fields = fieldsOf(pg, columns);
    return fields.length
      ? new AppError('VALIDATION_FAILED', undefined, issuesFor(fields, 'reference_unknown'))
      : new AppError('BAD_REQUEST');
  }
  // A NOT NULL column left empty: the refusal names the column (never a value).
  if (pg.code === '23502') {
    return pg.column
      ? new AppError('VALIDATION_FAILED', undefined, issuesFor([fieldOf(pg.column)], 'required'))
      : new AppError('BAD_REQUEST');
  }
  if (pg.code === '22P02' || pg.code === '23514') return new AppError('BAD_REQUEST');
  // A value the database cannot hold (a NUL, a day past its range): what serve() refuses first, kept as a 400
  // for text that reaches a statement another way (an upload's cells).
  if (pg.code === '22021' || pg.code === '22P05' || pg.code === '22007' || pg.code === '22008') {
    return new AppError('BAD_REQUEST');
  }
  return null;
};
