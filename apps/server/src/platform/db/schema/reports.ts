import { sql } from 'drizzle-orm';
import { check, customType, date, foreignKey, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { staff } from './people.ts';
import { stamp, stores, tenantKeyColumns, tenantTableRules } from './tenancy.ts';

const bytea = customType<{ data: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * The monthly report (docs/reports.md, migration 0065): one row per month and scope — a store, or the group
 * with no store — holding its XLSX and PDF. Written by the nightly step on the 1st or a manager's "generate
 * now"; a second run of the same month replaces the files, never adds a row.
 */
export const monthlyReports = pgTable(
  'monthly_reports',
  {
    ...tenantKeyColumns(),
    month: date('month', { mode: 'string' }).notNull(),
    storeId: uuid('store_id'),
    xlsx: bytea('xlsx').notNull(),
    pdf: bytea('pdf').notNull(),
    offTarget: integer('off_target').notNull(),
    generatedAt: stamp('generated_at').notNull(),
    generatedBy: uuid('generated_by'),
    sentAt: stamp('sent_at'),
  },
  (t) => [
    ...tenantTableRules(t, 'monthly_reports'),
    unique('monthly_reports_scope_key').on(t.tenantId, t.month, t.storeId).nullsNotDistinct(),
    foreignKey({
      name: 'monthly_reports_store_fk',
      columns: [t.tenantId, t.storeId],
      foreignColumns: [stores.tenantId, stores.id],
    }),
    foreignKey({
      name: 'monthly_reports_generated_by_staff_fk',
      columns: [t.tenantId, t.generatedBy],
      foreignColumns: [staff.tenantId, staff.id],
    }),
    check('monthly_reports_month_first', sql`extract(day FROM ${t.month}) = 1`),
  ],
).enableRLS();

/** A manager's subscription to the group's or a store's monthly report, in a format, to an e-mail address. */
export const reportSubscriptions = pgTable(
  'report_subscriptions',
  {
    ...tenantKeyColumns(),
    staffId: uuid('staff_id').notNull(),
    storeId: uuid('store_id'),
    format: text('format', { enum: ['xlsx', 'pdf', 'both'] }).notNull(),
    email: text('email'),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [
    ...tenantTableRules(t, 'report_subscriptions'),
    unique('report_subscriptions_scope_key').on(t.tenantId, t.staffId, t.storeId).nullsNotDistinct(),
    foreignKey({
      name: 'report_subscriptions_staff_fk',
      columns: [t.tenantId, t.staffId],
      foreignColumns: [staff.tenantId, staff.id],
    }),
    foreignKey({
      name: 'report_subscriptions_store_fk',
      columns: [t.tenantId, t.storeId],
      foreignColumns: [stores.tenantId, stores.id],
    }),
    check('report_subscriptions_format', sql`${t.format} IN ('xlsx', 'pdf', 'both')`),
  ],
).enableRLS();
