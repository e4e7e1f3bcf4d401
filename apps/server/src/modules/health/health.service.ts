import type { HealthResponse } from '@m4s/contracts';
import type { Database } from '../../platform/db/types.ts';

/** Whether the database answers: a failed ping is `down`, never an error. */
export const health = async (db: Database): Promise<HealthResponse> =>
  (await db.ping().catch(() => false)) ? { status: 'ok', db: 'ok' } : { status: 'degraded', db: 'down' };
