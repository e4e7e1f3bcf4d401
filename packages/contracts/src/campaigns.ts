import { z } from 'zod';
import { uuid } from './common.ts';
import { touchChannels, suppressionReasons } from './care.ts';
import { frequencyClasses, lifecycleStages, rfmClasses, valueQuadrants } from './lifecycle.ts';
import { tierCode } from './loyalty.ts';

// Targeted campaigns (issue 16 What 6, docs/campaigns.md): an audience, an offer, a channel and a time; a
// preview through the contact gate; the send; results attributed within a window against a control group.

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const instant = z.iso.datetime({ offset: true });

/** Seed 002's per-class strategies, shipped as ready campaigns (A loyal … D at risk). */
export const campaignStrategies = ['A', 'B', 'C', 'D'] as const;
export type CampaignStrategy = (typeof campaignStrategies)[number];

export const campaignStatuses = ['draft', 'scheduled', 'sent', 'cancelled'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/** A range of whole numbers, either end open (null). */
const range = (max: number) =>
  z
    .strictObject({ min: int(0, max).nullable().default(null), max: int(0, max).nullable().default(null) })
    .refine((r) => r.min === null || r.max === null || r.min <= r.max, {
      message: 'campaign_range',
      path: ['max'],
    });

/**
 * Who a campaign speaks to: every list empty and every range open is the whole customer base (not erased).
 * Customer criteria (classes, tier, last visit, home store) and car criteria (brand, age, lifecycle stage,
 * mileage: one current car matching all of them) are combined with AND.
 */
export const campaignAudience = z.strictObject({
  /** Visit-frequency segment (活跃 / 摇摆 / 流失 …). */
  frequency: z.array(z.enum(frequencyClasses)).max(5).default([]),
  /** Seed 002's RFM class (A loyal, B potential, C new, D at risk). */
  rfm: z.array(z.enum(rfmClasses)).max(5).default([]),
  /** Value matrix quadrant. */
  value: z.array(z.enum(valueQuadrants)).max(4).default([]),
  /** Membership tier codes (docs/loyalty.md). */
  tiers: z.array(tierCode).max(10).default([]),
  /** A current car in one of these lifecycle stages. */
  stages: z.array(z.enum(lifecycleStages)).max(4).default([]),
  /** A current car of one of these brands (catalogue brand ids). */
  brandIds: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  /** A current car this many whole years since purchase. */
  carAgeYears: range(50).default({ min: null, max: null }),
  /** A current car whose estimated odometer is at least this (B: the upgrade offer by mileage). */
  minMileageKm: int(0, 2_000_000).nullable().default(null),
  /** Days since the last workshop visit (D: 180 and more). */
  lastVisitDays: range(36_500).default({ min: null, max: null }),
  /** Home store; empty = every store. */
  storeIds: z.array(uuid).max(50).default([]),
});
export type CampaignAudience = z.output<typeof campaignAudience>;

/**
 * What the reached customers are offered. A coupon template's coupon is issued to each reached customer;
 * a service package names a service type at a price (a booking of it in the window is attributed
 * directly); an event (a published one open for sign-up): the message is its invitation (channel sms or
 * inbox, linking to the event in the owner app), recorded as the event's, and sign-ups are attributed.
 */
export const campaignOffer = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('coupon'), templateId: uuid }),
  z.strictObject({
    kind: z.literal('package'),
    serviceTypeId: uuid,
    name: z.string().trim().min(1).max(40),
    priceFen: int(0, 100_000_000),
  }),
  z.strictObject({ kind: z.literal('event'), eventId: uuid }),
]);
export type CampaignOffer = z.output<typeof campaignOffer>;
export const campaignOfferKinds = ['coupon', 'package', 'event'] as const;
/** The channels an event invitation goes by (the owner app's inbox links to the event; an SMS says where). */
export const campaignEventChannels = ['sms', 'inbox'] as const;

export const campaignInput = z.strictObject({
  name: z.string().trim().min(1).max(60),
  strategy: z.enum(campaignStrategies).nullable().default(null),
  audience: campaignAudience,
  offer: campaignOffer,
  channel: z.enum(touchChannels).default('sms'),
  /** The message (the call script for channel 'call'); the offer's words are added to it. */
  message: z.string().trim().min(1).max(300),
  /** When it goes; null = as soon as it is sent. */
  scheduledAt: instant.nullable().default(null),
  /** Bookings, visits and revenue this many days after the send are the campaign's results. */
  attributionDays: int(1, 365).default(30),
  /** This share of the audience (0–50%) is held back, at random but reproducibly, to measure uplift. */
  controlPercent: int(0, 50).default(0),
  /** What the campaign cost besides the coupons redeemed (printing, SMS…), for its margin. */
  costFen: int(0, 1_000_000_000).default(0),
});
export type CampaignInput = z.input<typeof campaignInput>;
export type CampaignSpec = z.output<typeof campaignInput>;

/** Why an audience member was not reached: the gate's reasons, or the held-back control group. */
export const campaignHoldReasons = ['control', ...suppressionReasons] as const;
export type CampaignHoldReason = (typeof campaignHoldReasons)[number];

/** The preview (a dry run through the contact gate) and, after the send, the counts it made. */
export const campaignCounts = z.object({
  /** Everyone the audience selects. */
  audience: z.number(),
  /** Who the message reaches (sent now, or deferred by quiet hours and sent at their end). */
  reached: z.number(),
  /** Of the reached, deferred past the customer's quiet hours. */
  deferred: z.number(),
  /** Held back: the control group and everyone the gate holds back. */
  held: z.number(),
  control: z.number(),
  /** Held back by reason (control, marketing_opt_out, open_complaint, weekly_cap, no_address …). */
  reasons: z.record(z.string(), z.number()),
});
export type CampaignCounts = z.infer<typeof campaignCounts>;

export const campaignPreviewBody = z.strictObject({
  campaign: campaignInput,
  /** A saved campaign's id: its control group is split as the send will split it. */
  campaignId: uuid.nullable().default(null),
});

export const campaign = z.object({
  id: uuid,
  name: z.string(),
  strategy: z.enum(campaignStrategies).nullable(),
  status: z.enum(campaignStatuses),
  audience: campaignAudience,
  offer: campaignOffer,
  offerName: z.string().nullable(),
  channel: z.enum(touchChannels),
  message: z.string(),
  scheduledAt: z.string().nullable(),
  attributionDays: z.number(),
  controlPercent: z.number(),
  costFen: z.number(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** Until when results are attributed (the send + attributionDays). */
  windowEndsAt: z.string().nullable(),
  counts: campaignCounts.nullable(),
});
export type Campaign = z.infer<typeof campaign>;
export const campaignList = z.object({ items: z.array(campaign) });

/** A ready campaign: seed 002's strategy for one class, to start a draft from. */
export const campaignTemplate = z.object({
  strategy: z.enum(campaignStrategies),
  title: z.string(),
  description: z.string(),
  /** The coupon its offer suggests (created as a template when the draft is made, unless one is chosen). */
  coupon: z.object({
    name: z.string(),
    kind: z.enum(['amount', 'percent', 'free_item']),
    amountFen: z.number(),
    percentOff: z.number(),
    capFen: z.number(),
    item: z.string(),
    validDays: z.number(),
  }),
  campaign: campaignInput.omit({ offer: true }),
});
export type CampaignTemplate = z.infer<typeof campaignTemplate>;
export const campaignTemplateList = z.object({ items: z.array(campaignTemplate) });
export const campaignFromTemplateBody = z.strictObject({
  strategy: z.enum(campaignStrategies),
  /** Use this coupon template instead of creating the suggested one. */
  templateId: uuid.nullable().default(null),
});

/** One group's behaviour within the window. */
export const campaignGroupResult = z.object({
  customers: z.number(),
  /** Customers with a booking or a visit in the window. */
  responders: z.number(),
  bookings: z.number(),
  visits: z.number(),
  revenueFen: z.number(),
  /** Revenue less parts cost. */
  grossMarginFen: z.number(),
  responseRate: z.number().nullable(),
  revenuePerCustomerFen: z.number().nullable(),
});
export type CampaignGroupResult = z.infer<typeof campaignGroupResult>;

export const campaignResults = z.object({
  campaignId: uuid,
  windowStart: z.string(),
  windowEnd: z.string(),
  /** The window is still open (results still move). */
  open: z.boolean(),
  reached: campaignGroupResult,
  control: campaignGroupResult,
  /** Bookings and visits that used the campaign's coupon (or booked its package): attributed whatever the window. */
  direct: z.object({ bookings: z.number(), visits: z.number(), revenueFen: z.number() }),
  couponsIssued: z.number(),
  couponsRedeemed: z.number(),
  /**
   * An event offer's sign-ups (not cancelled) and check-ins among the reached and, for comparison, the
   * control group; the invitation success rate (invited and attended / invited, %); null for other offers.
   */
  event: z
    .object({
      eventId: uuid,
      signedUp: z.number(),
      checkedIn: z.number(),
      controlSignedUp: z.number(),
      controlCheckedIn: z.number(),
      successRate: z.number().nullable(),
    })
    .nullable(),
  /** The coupons' value given at checkout plus the campaign's own cost. */
  costFen: z.number(),
  kpis: z.object({
    responseRate: z.number().nullable(),
    controlResponseRate: z.number().nullable(),
    /** Response rate less the control group's (null without a control group). */
    uplift: z.number().nullable(),
    revenuePerVehicleFen: z.number().nullable(),
    /** (revenue − cost) / revenue over the reached group's revenue in the window. */
    margin: z.number().nullable(),
  }),
});
export type CampaignResults = z.infer<typeof campaignResults>;
