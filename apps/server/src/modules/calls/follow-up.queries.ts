import { z } from 'zod';
import { followUpSlots } from '@m4s/contracts';
import { col, maybeRow } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/** A customer's slot and quiet hours (a follow-up call made by the system is placed in them). */
export const customerWindowsRow = async (sql: SqlExecutor, tenantId: string, customerId: string) =>
  maybeRow(
    z.object({
      preferred_slot: z.enum(followUpSlots).nullable(),
      quiet_start: col.textOrNull,
      quiet_end: col.textOrNull,
      home_store_id: col.textOrNull,
    }),
    await sql.executeSql(
      `SELECT c.preferred_slot, c.quiet_start, c.quiet_end, c.home_store_id
         FROM customers c WHERE c.tenant_id = $1 AND c.id = $2`,
      [tenantId, customerId],
    ),
    'customer windows',
  );
