import { check, foreignKey, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { staff } from './people.ts';
import { stamp, tenants } from './tenancy.ts';
import { tenantPolicy } from './tenant-table.ts';

/**
 * The staff scorecard's weights (docs/cockpit.md), one row per tenant once it saves its own (seed 002's
 * until then): whole percents summing to 100. Migration 0064.
 */
export const scorecardWeights = pgTable(
  'scorecard_weights',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    csat: integer('csat').notNull(),
    repeat: integer('repeat').notNull(),
    referral: integer('referral').notNull(),
    efficiency: integer('efficiency').notNull(),
    complaint: integer('complaint').notNull(),
    updatedAt: stamp('updated_at').notNull(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    primaryKey({ name: 'scorecard_weights_pkey', columns: [t.tenantId] }),
    tenantPolicy('scorecard_weights'),
    foreignKey({
      name: 'scorecard_weights_updated_by_staff_fk',
      columns: [t.tenantId, t.updatedBy],
      foreignColumns: [staff.tenantId, staff.id],
    }),
    check(
      'scorecard_weights_sum',
      sql`${t.csat} + ${t.repeat} + ${t.referral} + ${t.efficiency} + ${t.complaint} = 100`,
    ),
    check(
      'scorecard_weights_range',
      sql`LEAST(${t.csat}, ${t.repeat}, ${t.referral}, ${t.efficiency}, ${t.complaint}) >= 0`,
    ),
  ],
).enableRLS();
