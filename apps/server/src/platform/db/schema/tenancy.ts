import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  date,
  foreignKey,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { OpeningHours } from '@m4s/contracts';
import { appRole, currentTenant, operatorRole, tenantPolicy } from './tenant-table.ts';

/** Money in fen (分), as a JS number: a tenant's totals stay far below 2^53. */
export const fen = (name: string) => bigint(name, { mode: 'number' });
/** A moment, always with its time zone. */
export const stamp = (name: string) => timestamp(name, { withTimezone: true });

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** Global reference data: the staff roles (rows inserted by a migration; grants live in contracts). */
export const roles = pgTable('roles', {
  code: text('code').primaryKey(),
  scope: text('scope', { enum: ['own', 'store', 'group'] }).notNull(),
});

/** A dealer group. Its id is the tenant id of every row it owns. */
export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    timezone: text('timezone').notNull().default('Asia/Shanghai'),
    primaryColor: text('primary_color').notNull().default('#1677ff'),
    accentColor: text('accent_color').notNull().default('#fa8c16'),
    dealerHotline: text('dealer_hotline'),
    oemHotline: text('oem_hotline'),
    logo: text('logo'),
    /** 'own': sales consultants and service advisors see only the customers assigned to them. */
    customerScope: text('customer_scope', { enum: ['group', 'own'] })
      .notNull()
      .default('group'),
    /** Tuned classification thresholds (RFM, loyalty…); absent keys take the defaults in code. */
    segmentRules: jsonb('segment_rules').$type<Record<string, unknown>>().notNull().default({}),
    /** Contact governance: caps and suppression windows; absent keys take the defaults in code. */
    contactPolicy: jsonb('contact_policy').$type<Record<string, unknown>>().notNull().default({}),
    /** The call centre's tunings (contracts' callPolicy; missing fields take their defaults; migration 0048). */
    callPolicy: jsonb('call_policy').$type<Record<string, unknown>>().notNull().default({}),
    /** Complaint handling: the follow-up's working days after resolution (default 1; migration 0055). */
    complaintPolicy: jsonb('complaint_policy').$type<Record<string, unknown>>().notNull().default({}),
    /** Service recovery's tuning (contracts' recoveryPolicy; defaults filled in; migration 0050). */
    recoveryPolicy: jsonb('recovery_policy').$type<Record<string, unknown>>().notNull().default({}),
    /** Connected cars' rule thresholds (battery low, windows); absent keys take the defaults in contracts. */
    telematicsRules: jsonb('telematics_rules').$type<Record<string, unknown>>().notNull().default({}),
    /** Membership: tiers, earn and expiry rules (contracts' loyaltySettings); empty: the default programme. */
    loyalty: jsonb('loyalty').$type<Record<string, unknown>>().notNull().default({}),
    /** The day of the last classification pass (segments/classify.ts); null before the first. */
    segmentsOn: date('segments_on', { mode: 'string' }),
    /** The next pass classifies every customer, not only those due (set when the rules change). */
    segmentsFull: boolean('segments_full').notNull().default(true),
    /** The office day business-hour deadlines run on (platform/time/work-calendar.ts), local clock times. */
    businessHoursStart: text('business_hours_start').notNull().default('08:30'),
    businessHoursEnd: text('business_hours_end').notNull().default('17:30'),
    status: text('status', { enum: ['active', 'suspended'] })
      .notNull()
      .default('active'),
    /** The makes the group sells and services (chosen at provisioning; each store names one of them). */
    brands: text('brands')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** When the platform operator suspended it (null while active). */
    suspendedAt: stamp('suspended_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => [
    uniqueIndex('tenants_slug_key').on(sql`slug`),
    pgPolicy('tenants_tenant_isolation', {
      as: 'permissive',
      for: 'all',
      to: appRole,
      using: sql`id = ${currentTenant}`,
      withCheck: sql`id = ${currentTenant}`,
    }),
    // The platform operator's role sees every tenant's row (migration 0020).
    pgPolicy('tenants_operator', {
      as: 'permissive',
      for: 'all',
      to: operatorRole,
      using: sql`true`,
      withCheck: sql`true`,
    }),
  ],
).enableRLS();

/** The first two columns of every tenant table: its tenant (first in the key) and the row's own id. */
export const tenantKeyColumns = () => ({
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  id: uuid('id').notNull().defaultRandom(),
});

/** What every tenant table carries besides: the (tenant_id, id) primary key and the tenant policy. */
export const tenantTableRules = (t: { tenantId: AnyPgColumn; id: AnyPgColumn }, table: string) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  tenantPolicy(table),
];

export const stores = pgTable(
  'stores',
  {
    ...tenantKeyColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    brand: text('brand'),
    province: text('province'),
    city: text('city'),
    address: text('address').notNull(),
    phone: text('phone'),
    openingHours: jsonb('opening_hours').$type<OpeningHours>().notNull(),
    status: text('status', { enum: ['active', 'closed'] })
      .notNull()
      .default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [...tenantTableRules(t, 'stores'), uniqueIndex('stores_code_key').on(t.tenantId, t.code)],
).enableRLS();

export const departments = pgTable(
  'departments',
  {
    ...tenantKeyColumns(),
    storeId: uuid('store_id').notNull(),
    kind: text('kind', { enum: ['sales', 'service', 'parts', 'customer_service', 'finance', 'admin'] }).notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantTableRules(t, 'departments'),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    uniqueIndex('departments_store_kind_key').on(t.tenantId, t.storeId, t.kind),
  ],
).enableRLS();
