import { sql } from 'drizzle-orm';
import {
  contactChannels,
  contactTopics,
  customerSources,
  followUpSlots,
  interactionChannels,
  phoneFlags,
} from '@m4s/contracts';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { staff } from './people.ts';
import { stores, tenantKeyColumns, tenantTableRules } from './tenancy.ts';

type Address = { kind: 'home' | 'work' | 'mail'; text: string };
type SecondContact = { name: string; phone: string | null; relation: string | null };

/**
 * A customer of the dealer group (person, or organisation with its responsible person). Seen by all
 * the group's stores; `home_store_id` and the two assigned staff give the row its scope for roles
 * that see only their store's or their own customers.
 */
export const customers = pgTable(
  'customers',
  {
    ...tenantKeyColumns(),
    kind: text('kind', { enum: ['person', 'organisation'] })
      .notNull()
      .default('person'),
    name: text('name').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }),
    contactName: text('contact_name'),
    contactTitle: text('contact_title'),
    birthday: date('birthday', { mode: 'string' }),
    occupation: text('occupation'),
    idNumber: text('id_number'),
    source: text('source', { enum: customerSources }).notNull(),
    preferredSlot: text('preferred_slot', { enum: followUpSlots }),
    preferences: jsonb('preferences').$type<Record<string, string>>().notNull().default({}),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    notes: text('notes'),
    vipLevel: text('vip_level'),
    memberLevel: text('member_level'),
    malicious: boolean('malicious').notNull().default(false),
    seasonal: boolean('seasonal').notNull().default(false),
    addresses: jsonb('addresses').$type<Address[]>().notNull().default([]),
    secondContact: jsonb('second_contact').$type<SecondContact | null>(),
    homeStoreId: uuid('home_store_id'),
    salesConsultantId: uuid('sales_consultant_id'),
    serviceAdvisorId: uuid('service_advisor_id'),
    /** The insurance advisor (续保/理赔) the owner chats with (migration 0058, docs/chat.md); NULL: the store's pool. */
    insuranceAdvisorId: uuid('insurance_advisor_id'),
    /** The consultant / advisor as an imported file named them when no one staff member has the name (migration 0036). */
    salesConsultantName: text('sales_consultant_name'),
    serviceAdvisorName: text('service_advisor_name'),
    channels: text('channels', { enum: contactChannels })
      .array()
      .notNull()
      .default(sql`'{app,sms,phone}'::text[]`),
    quietStart: text('quiet_start'),
    quietEnd: text('quiet_end'),
    topicsOptedOut: text('topics_opted_out', { enum: contactTopics })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    marketingOptOut: boolean('marketing_opt_out').notNull().default(false),
    /** For the e-mail channel (optional; most owners are reached in the app or by SMS). */
    email: text('email'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [
    ...tenantTableRules(t, 'customers'),
    foreignKey({ columns: [t.tenantId, t.homeStoreId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.salesConsultantId], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.serviceAdvisorId], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.insuranceAdvisorId], foreignColumns: [staff.tenantId, staff.id] }),
    index('customers_name_idx').on(t.tenantId, t.name),
    index('customers_consultant_idx').on(t.tenantId, t.salesConsultantId),
    index('customers_advisor_idx').on(t.tenantId, t.serviceAdvisorId),
    // Opt-outs name topics of the one list only (migration 0023): the gate matches them to what it sends.
    check(
      'customers_topics_opted_out_known',
      sql`${t.topicsOptedOut} <@ ARRAY[${sql.raw(contactTopics.map((x) => `'${x}'`).join(', '))}]::text[]`,
    ),
  ],
).enableRLS();

/** Phone numbers: unique within a tenant, so a phone names one customer (the import de-duplicates on it). */
export const customerPhones = pgTable(
  'customer_phones',
  {
    ...tenantKeyColumns(),
    customerId: uuid('customer_id').notNull(),
    phone: text('phone').notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
    label: text('label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** A follow-up call found the number wrong, disconnected or empty (migration 0048); cleared when fixed. */
    flag: text('flag', { enum: phoneFlags }),
    flaggedAt: timestamp('flagged_at', { withTimezone: true }),
  },
  (t) => [
    ...tenantTableRules(t, 'customer_phones'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }).onDelete(
      'cascade',
    ),
    uniqueIndex('customer_phones_phone_key').on(t.tenantId, t.phone),
    index('customer_phones_customer_idx').on(t.tenantId, t.customerId),
  ],
).enableRLS();

/** What the customer agreed to or withdrew, when, and how — the record PIPL asks for. */
export const consents = pgTable(
  'consents',
  {
    ...tenantKeyColumns(),
    customerId: uuid('customer_id').notNull(),
    subject: text('subject').notNull(),
    granted: boolean('granted').notNull(),
    via: text('via', { enum: ['owner_app', 'staff', 'paper', 'import', 'phone'] }).notNull(),
    recordedBy: uuid('recorded_by'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'consents'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }).onDelete(
      'cascade',
    ),
    index('consents_customer_idx').on(t.tenantId, t.customerId, t.at),
  ],
).enableRLS();

/** The interaction timeline: who, when, which channel, what was said and promised. Later modules append. */
export const interactions = pgTable(
  'interactions',
  {
    ...tenantKeyColumns(),
    customerId: uuid('customer_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    staffId: uuid('staff_id'),
    channel: text('channel', { enum: interactionChannels }).notNull(),
    summary: text('summary').notNull(),
    promise: text('promise'),
    source: text('source').notNull().default('manual'),
  },
  (t) => [
    ...tenantTableRules(t, 'interactions'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.tenantId, t.staffId], foreignColumns: [staff.tenantId, staff.id] }),
    index('interactions_customer_idx').on(t.tenantId, t.customerId, t.at),
  ],
).enableRLS();
