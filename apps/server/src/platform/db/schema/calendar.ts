import { sql } from 'drizzle-orm';
import { check, date, foreignKey, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { staff } from './people.ts';
import { tenantPolicy } from './tenant-table.ts';
import { stamp, tenants } from './tenancy.ts';

/**
 * A tenant's own exceptions to the national calendar (platform/time/holidays-cn.ts): a day it closes
 * ('closed', e.g. its anniversary or a local holiday) or a day it works ('working', e.g. a holiday it
 * stays open). One row per day; it overrides the national data for that day. docs/calendar.md.
 */
export const tenantCalendarDays = pgTable(
  'tenant_calendar_days',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    day: date('day', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['closed', 'working'] }).notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: stamp('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.day] }),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [staff.tenantId, staff.id] }),
    check('tenant_calendar_days_kind_check', sql`${t.kind} IN ('closed', 'working')`),
    tenantPolicy('tenant_calendar_days'),
  ],
).enableRLS();
