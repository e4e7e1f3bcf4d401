import { contactPolicy, defaultContactPolicy, type ContactPolicy } from '@m4s/contracts';
import { z } from 'zod';
import { col, maybeRow } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/** The stored policy over the defaults: a key that is missing or no longer valid takes its default. */
export const mergePolicy = (stored: Record<string, unknown> | null | undefined): ContactPolicy => {
  const merged: ContactPolicy = { ...defaultContactPolicy };
  const shape = contactPolicy.shape;
  for (const key of Object.keys(shape) as (keyof ContactPolicy)[]) {
    const parsed = shape[key].safeParse(stored?.[key]);
    if (parsed.success) merged[key] = parsed.data;
  }
  return merged;
};

export type GateSettings = { policy: ContactPolicy; timezone: string };

const settingsRow = z.object({ contact_policy: z.record(z.string(), z.unknown()).nullable(), timezone: col.text });

/** What the gate needs from the tenant row, read once per run. */
export const gateSettings = async (sql: SqlExecutor, tenantId: string): Promise<GateSettings> => {
  const row = maybeRow(
    settingsRow,
    await sql.executeSql('SELECT contact_policy, timezone FROM tenants WHERE id = $1', [tenantId]),
    'gateSettings',
  );
  if (!row) throw new Error('tenant not found');
  return { policy: mergePolicy(row.contact_policy), timezone: row.timezone };
};
