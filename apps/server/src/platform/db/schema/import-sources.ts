import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { importKeyEntities } from '@m4s/contracts';
import { tenantKeyColumns, tenantTableRules } from './tenancy.ts';

/**
 * An old system the tenant's data comes from ("旧DMS", "二网系统"). Every import names one; without a
 * name, the tenant's default source ("原系统", created when first needed).
 */
export const importSources = pgTable(
  'import_sources',
  {
    ...tenantKeyColumns(),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'import_sources'),
    uniqueIndex('import_sources_name_key').on(t.tenantId, t.name),
    uniqueIndex('import_sources_default_key')
      .on(t.tenantId)
      .where(sql`${t.isDefault}`),
  ],
).enableRLS();

/**
 * A source key: the number an old system gave a customer, car, repair order or sales order, and the row
 * it became here. A re-import finds its rows by key first; two sources' equal numbers stay apart.
 */
export const importKeys = pgTable(
  'import_keys',
  {
    ...tenantKeyColumns(),
    sourceId: uuid('source_id').notNull(),
    entity: text('entity', { enum: importKeyEntities }).notNull(),
    number: text('number').notNull(),
    entityId: uuid('entity_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'import_keys'),
    foreignKey({ columns: [t.tenantId, t.sourceId], foreignColumns: [importSources.tenantId, importSources.id] }),
    uniqueIndex('import_keys_number_key').on(t.tenantId, t.sourceId, t.entity, t.number),
    index('import_keys_entity_idx').on(t.tenantId, t.entity, t.entityId),
  ],
).enableRLS();
