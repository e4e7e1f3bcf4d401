import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import {
  campaignStatuses,
  touchChannels,
  type CampaignAudience,
  type CampaignCounts,
  type CampaignOffer,
} from '@m4s/contracts';
import { customers } from './customers.ts';
import { coupons } from './loyalty.ts';
import { staff } from './people.ts';
import { tenantPolicy } from './tenant-table.ts';
import { fen, stamp, tenantKeyColumns, tenantTableRules, tenants } from './tenancy.ts';

/**
 * Targeted campaigns (docs/campaigns.md): the audience, offer, channel and timing as the builder saved
 * them; the counts the send made (which match its preview); the attribution window.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    ...tenantKeyColumns(),
    name: text('name').notNull(),
    strategy: text('strategy'),
    status: text('status', { enum: campaignStatuses }).notNull().default('draft'),
    audience: jsonb('audience').$type<CampaignAudience>().notNull(),
    offer: jsonb('offer').$type<CampaignOffer>().notNull(),
    channel: text('channel', { enum: touchChannels }).notNull(),
    message: text('message').notNull(),
    scheduledAt: stamp('scheduled_at'),
    attributionDays: integer('attribution_days').notNull(),
    controlPercent: integer('control_percent').notNull().default(0),
    costFen: fen('cost_fen').notNull().default(0),
    counts: jsonb('counts').$type<CampaignCounts>(),
    createdBy: uuid('created_by'),
    createdAt: stamp('created_at').notNull(),
    sentAt: stamp('sent_at'),
  },
  (t) => [
    ...tenantTableRules(t, 'campaigns'),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [staff.tenantId, staff.id] }),
    index('campaigns_created_idx').on(t.tenantId, t.createdAt),
  ],
).enableRLS();

/**
 * Each audience member of a sent campaign: reached (the gate let the message go; the coupon issued),
 * held back by the gate (with its reason) or in the control group (the deterministic split recorded).
 * Attribution reads it: the reached against the control group.
 */
export const campaignMembers = pgTable(
  'campaign_members',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    campaignId: uuid('campaign_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** reached | held | control */
    grp: text('grp', { enum: ['reached', 'held', 'control'] }).notNull(),
    /** The gate's reason, or 'control'; null when reached. */
    reason: text('reason'),
    /** sent | deferred (reached), the gate's decision otherwise; null for the control group. */
    decision: text('decision'),
    couponId: uuid('coupon_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.campaignId, t.customerId] }),
    tenantPolicy('campaign_members'),
    foreignKey({ columns: [t.tenantId, t.campaignId], foreignColumns: [campaigns.tenantId, campaigns.id] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.couponId], foreignColumns: [coupons.tenantId, coupons.id] }),
    index('campaign_members_customer_idx').on(t.tenantId, t.customerId),
  ],
).enableRLS();
