// The tenant's factor sets: one row per version, inserted, never updated (migration 0051).
import { and, desc, eq } from 'drizzle-orm';
import type { IndexFactor, IndexKind } from '@m4s/contracts';
import { indexFactorSets } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

export type FactorSetRow = typeof indexFactorSets.$inferSelect;

/** Every version of the tenant's factor sets, newest first. */
export const listFactorSets = (db: Tx, tenantId: string) =>
  db
    .select()
    .from(indexFactorSets)
    .where(eq(indexFactorSets.tenantId, tenantId))
    .orderBy(indexFactorSets.kind, desc(indexFactorSets.number));

export const lastNumber = async (db: Tx, tenantId: string, kind: IndexKind): Promise<number> => {
  const [row] = await db
    .select({ number: indexFactorSets.number })
    .from(indexFactorSets)
    .where(and(eq(indexFactorSets.tenantId, tenantId), eq(indexFactorSets.kind, kind)))
    .orderBy(desc(indexFactorSets.number))
    .limit(1);
  return row?.number ?? 0;
};

export const insertFactorSet = async (
  db: Tx,
  row: {
    tenantId: string;
    kind: IndexKind;
    number: number;
    name: string;
    factors: IndexFactor[];
    createdAt: Date;
    createdBy: string;
  },
): Promise<FactorSetRow> => {
  const [saved] = await db.insert(indexFactorSets).values(row).returning();
  if (!saved) throw new Error('factor set not saved');
  return saved;
};
