import { foreignKey, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { indexKinds, type IndexFactor } from '@m4s/contracts';
import { staff } from './people.ts';
import { stamp, tenantKeyColumns, tenantTableRules } from './tenancy.ts';

/**
 * A tenant's CSI / SSI factor set, one row per version (docs/indices.md): saving makes version n + 1 and the
 * highest number is the one the figures use; a version is never edited (the application role may only
 * insert: migration 0051). No row: the J.D. Power China 2009 preset (contracts' indexPresets).
 */
export const indexFactorSets = pgTable(
  'index_factor_sets',
  {
    ...tenantKeyColumns(),
    kind: text('kind', { enum: indexKinds }).notNull(),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    factors: jsonb('factors').$type<IndexFactor[]>().notNull(),
    createdAt: stamp('created_at').notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    ...tenantTableRules(t, 'index_factor_sets'),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [staff.tenantId, staff.id] }),
    uniqueIndex('index_factor_sets_number').on(t.tenantId, t.kind, t.number),
  ],
).enableRLS();
