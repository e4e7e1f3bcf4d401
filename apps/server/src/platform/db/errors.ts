import type { ErrorCode } from '@m4s/contracts';
import { AppError } from '../errors.ts';

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

type PgLike = { code?: string; constraint?: string; cause?: unknown };

const pgErrorOf = (error: unknown): PgLike | null => {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const candidate = e as PgLike;
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    e = candidate.cause;
  }
  return null;
};

/**
 * Database refusals that a person can cause — a race for the same unique value, a concurrent update —
 * as the 4xx they mean. The checks in services give the friendly answer first; this covers the race.
 */
export const fromDatabaseError = (error: unknown): AppError | null => {
  const pg = pgErrorOf(error);
  if (!pg) return null;
  if (pg.code === '23505') {
    const meaning = pg.constraint ? uniqueMeaning[pg.constraint] : undefined;
    return meaning
      ? new AppError(meaning.code, undefined, { issues: [{ path: meaning.path, message: meaning.message }] })
      : new AppError('CONFLICT');
  }
  // Raised by app_tenant_by_slug (migration 0020): the slug names a suspended dealer group.
  if (pg.code === 'M4S01') return new AppError('TENANT_SUSPENDED');
  if (pg.code === '40001' || pg.code === '40P01') return new AppError('CONFLICT');
  if (pg.code === '23503' || pg.code === '22P02' || pg.code === '23514') return new AppError('BAD_REQUEST');
  // A value the database cannot hold (a NUL, a day past its range): what serve() refuses first, kept as a 400
  // for text that reaches a statement another way (an upload's cells).
  if (pg.code === '22021' || pg.code === '22P05' || pg.code === '22007' || pg.code === '22008') {
    return new AppError('BAD_REQUEST');
  }
  return null;
};
