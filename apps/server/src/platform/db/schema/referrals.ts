import { foreignKey, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { referralChannels, referralRefusals, referralStatuses } from '@m4s/contracts';
import { customers } from './customers.ts';
import { staff } from './people.ts';
import { stamp, stores, tenantKeyColumns, tenantTableRules } from './tenancy.ts';

/** Each customer's referral code (docs/referrals.md): made on first use, unique in the tenant. */
export const referralCodes = pgTable(
  'referral_codes',
  {
    ...tenantKeyColumns(),
    customerId: uuid('customer_id').notNull(),
    code: text('code').notNull(),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [
    ...tenantTableRules(t, 'referral_codes'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    uniqueIndex('referral_codes_code_key').on(t.tenantId, t.code),
    uniqueIndex('referral_codes_customer_key').on(t.tenantId, t.customerId),
  ],
).enableRLS();

/**
 * A lead made with a referral code: the referred person (by phone until they are a customer), the store and
 * consultant it is attributed to, its progress, and the reward once it landed. One live referral per phone
 * (the partial unique index): the first referrer keeps the person; a later one is recorded as ineligible.
 */
export const referrals = pgTable(
  'referrals',
  {
    ...tenantKeyColumns(),
    code: text('code').notNull(),
    referrerId: uuid('referrer_id').notNull(),
    channel: text('channel', { enum: referralChannels }).notNull(),
    referredPhone: text('referred_phone').notNull(),
    referredName: text('referred_name').notNull(),
    referredCustomerId: uuid('referred_customer_id'),
    storeId: uuid('store_id').notNull(),
    consultantId: uuid('consultant_id'),
    status: text('status', { enum: referralStatuses }).notNull(),
    reason: text('reason', { enum: referralRefusals }),
    note: text('note'),
    recordedBy: uuid('recorded_by'),
    createdAt: stamp('created_at').notNull(),
    visitedAt: stamp('visited_at'),
    rewardedAt: stamp('rewarded_at'),
    /** What made it land: `repair_order:<id>` or `sales_order:<id>`. */
    rewardSource: text('reward_source'),
    rewardPoints: integer('reward_points').notNull().default(0),
    rewardCouponId: uuid('reward_coupon_id'),
  },
  (t) => [
    ...tenantTableRules(t, 'referrals'),
    foreignKey({ columns: [t.tenantId, t.referrerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.referredCustomerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.consultantId], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.recordedBy], foreignColumns: [staff.tenantId, staff.id] }),
    uniqueIndex('referrals_live_phone_key')
      .on(t.tenantId, t.referredPhone)
      .where(sql`status <> 'ineligible'`),
    index('referrals_referrer_idx').on(t.tenantId, t.referrerId, t.createdAt),
    index('referrals_store_idx').on(t.tenantId, t.storeId, t.status),
  ],
).enableRLS();
