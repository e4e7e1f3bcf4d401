import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import {
  couponKinds,
  couponOrigins,
  couponStatuses,
  ledgerKinds,
  ledgerSources,
  repairOrderTypes,
} from '@m4s/contracts';
import { customers } from './customers.ts';
import { staff } from './people.ts';
import { tenantPolicy } from './tenant-table.ts';
import { fen, stamp, stores, tenantKeyColumns, tenantTableRules, tenants } from './tenancy.ts';

/**
 * The points ledger (docs/loyalty.md): append-only — the application role may insert and, for merges and
 * erasure only, move an entry to another customer or blank its note (column grants, migration 0049); an
 * amount is never edited. `(source, source_id, kind)` is each entry's idempotency key: the same repair order
 * earns once, and its reversal once.
 */
export const pointsLedger = pgTable(
  'points_ledger',
  {
    ...tenantKeyColumns(),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind', { enum: ledgerKinds }).notNull(),
    /** Signed: earn and positive adjustments add, the rest take away. */
    points: integer('points').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    source: text('source', { enum: ledgerSources }).notNull(),
    sourceId: text('source_id').notNull(),
    /** Where the points were earned or spent (null: the owner app, the group). */
    storeId: uuid('store_id'),
    at: stamp('at').notNull(),
    /** For points added: the day after which they are gone (end of the Nth month). */
    expiresOn: date('expires_on', { mode: 'string' }),
    staffId: uuid('staff_id'),
    /** An adjustment's reason (staff's words; blanked on erasure). */
    note: text('note'),
  },
  (t) => [
    ...tenantTableRules(t, 'points_ledger'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.staffId], foreignColumns: [staff.tenantId, staff.id] }),
    uniqueIndex('points_ledger_source_key').on(t.tenantId, t.source, t.sourceId, t.kind),
    index('points_ledger_customer_idx').on(t.tenantId, t.customerId, t.at),
    index('points_ledger_at_idx').on(t.tenantId, t.at),
  ],
).enableRLS();

/**
 * One row per member: the balance (never negative — a CHECK, and every spend is one conditional UPDATE),
 * the last night's 12-month figures, the tier with its grace. The balance is the ledger's sum, kept here so
 * that two redemptions at once queue on one row.
 */
export const loyaltyMembers = pgTable(
  'loyalty_members',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    customerId: uuid('customer_id').notNull(),
    balance: integer('balance').notNull().default(0),
    points12m: integer('points_12m').notNull().default(0),
    spend12mFen: fen('spend_12m_fen').notNull().default(0),
    tier: text('tier').notNull().default('standard'),
    tierSince: date('tier_since', { mode: 'string' }),
    graceUntil: date('grace_until', { mode: 'string' }),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.customerId] }),
    tenantPolicy('loyalty_members'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    index('loyalty_members_tier_idx').on(t.tenantId, t.tier, t.balance),
  ],
).enableRLS();

/** Every tier move the night made (and the grace it started), as history. */
export const tierChanges = pgTable(
  'tier_changes',
  {
    ...tenantKeyColumns(),
    customerId: uuid('customer_id').notNull(),
    fromTier: text('from_tier'),
    toTier: text('to_tier').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    points12m: integer('points_12m').notNull(),
    spend12mFen: fen('spend_12m_fen').notNull(),
  },
  (t) => [
    ...tenantTableRules(t, 'tier_changes'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    index('tier_changes_customer_idx').on(t.tenantId, t.customerId, t.day),
  ],
).enableRLS();

export const couponTemplates = pgTable(
  'coupon_templates',
  {
    ...tenantKeyColumns(),
    name: text('name').notNull(),
    kind: text('kind', { enum: couponKinds }).notNull(),
    amountFen: fen('amount_fen').notNull().default(0),
    percentOff: integer('percent_off').notNull().default(0),
    capFen: fen('cap_fen').notNull().default(0),
    item: text('item').notNull().default(''),
    minSpendFen: fen('min_spend_fen').notNull().default(0),
    validDays: integer('valid_days').notNull(),
    storeIds: uuid('store_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    orderTypes: text('order_types', { enum: repairOrderTypes })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    pointsCost: integer('points_cost'),
    active: boolean('active').notNull().default(true),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [...tenantTableRules(t, 'coupon_templates')],
).enableRLS();

/**
 * A coupon held by a customer. Redeemed by one conditional UPDATE (issued → redeemed), so two checkouts at
 * once cannot both use it. `issue_key` makes rule issues idempotent (a birthday gift once a year…).
 */
export const coupons = pgTable(
  'coupons',
  {
    ...tenantKeyColumns(),
    templateId: uuid('template_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    code: text('code').notNull(),
    status: text('status', { enum: couponStatuses }).notNull().default('issued'),
    origin: text('origin', { enum: couponOrigins }).notNull(),
    issueKey: text('issue_key').notNull(),
    issuedAt: stamp('issued_at').notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    issuedBy: uuid('issued_by'),
    redeemedAt: stamp('redeemed_at'),
    redeemedVisitId: uuid('redeemed_visit_id'),
    redeemedStoreId: uuid('redeemed_store_id'),
    discountFen: fen('discount_fen'),
    remindedAt: stamp('reminded_at'),
  },
  (t) => [
    ...tenantTableRules(t, 'coupons'),
    foreignKey({ columns: [t.tenantId, t.templateId], foreignColumns: [couponTemplates.tenantId, couponTemplates.id] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.issuedBy], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.redeemedStoreId], foreignColumns: [stores.tenantId, stores.id] }),
    uniqueIndex('coupons_issue_key').on(t.tenantId, t.issueKey),
    uniqueIndex('coupons_code_key').on(t.tenantId, t.code),
    index('coupons_customer_idx').on(t.tenantId, t.customerId, t.status),
    index('coupons_valid_idx').on(t.tenantId, t.status, t.validUntil),
  ],
).enableRLS();
