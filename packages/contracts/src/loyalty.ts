import { z } from 'zod';
import { isoMonth, uuid } from './common.ts';
import { repairOrderTypes } from './history.ts';

// Membership and loyalty (issue 16, What 1–3, docs/loyalty.md): tiers, the points ledger and coupons.

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const fen = int(0, 1_000_000_000);

/** What a ledger entry is. Entries are appended, never edited: a correction is a new entry. */
export const ledgerKinds = ['earn', 'redeem', 'expire', 'adjust', 'reverse'] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

/**
 * What an entry came from; with `sourceId` it is the entry's idempotency key (the same repair order never
 * earns twice). `referral` and `event` are earned by issue 16's later parts (rule kinds already).
 */
export const ledgerSources = [
  'repair_order',
  'purchase',
  'survey',
  'birthday',
  'referral',
  'event',
  'coupon',
  'checkout',
  'manual',
  'expiry',
] as const;
export type LedgerSource = (typeof ledgerSources)[number];

/** What a tier gives, honoured by the product: booking (priority lane), the visit (advisor's notes), coupons. */
export const tierBenefits = z.strictObject({
  /** Share of each booking slot's capacity held for this tier and above (0 = none). */
  reservedShare: z.number().min(0).max(0.5).default(0),
  /** Courtesy car (代步车) while the car is in the workshop, shown to the advisor on the visit. */
  courtesyCar: z.boolean().default(false),
  /** Free wash (免费洗车) at delivery, shown on the visit. */
  freeWash: z.boolean().default(false),
  /** VIP lounge (贵宾休息室). */
  vipLounge: z.boolean().default(false),
  /** The birthday gift: this template's coupon is issued in the birthday month. */
  birthdayTemplateId: uuid.nullable().default(null),
  /** The annual benefit pack (年度专属权益包): these templates, once a year while in the tier. */
  annualPackTemplateIds: z.array(uuid).max(10).default([]),
  /** Points earned count this many times (1 = as the rules say). */
  earnMultiplier: z.number().min(1).max(5).default(1),
});
export type TierBenefits = z.output<typeof tierBenefits>;

export const tierCode = z.string().regex(/^[a-z][a-z0-9_]{0,19}$/, { message: 'loyalty_tier_code' });

export const loyaltyTier = z.strictObject({
  code: tierCode,
  name: z.string().trim().min(1).max(20),
  /** Points earned in the last 12 months to reach the tier. */
  minPoints: int(0, 100_000_000),
  /** Or paid repair spend in the last 12 months (fen), by the tenant's basis. */
  minSpendFen: fen,
  benefits: tierBenefits,
});
export type LoyaltyTier = z.output<typeof loyaltyTier>;

/** Points per yuan of paid repair, by order type (warranty and campaign 0 by default: nobody paid). */
const perYuan = z.number().min(0).max(100);

export const loyaltySettings = z
  .strictObject({
    /** How a tier is reached: by points, by spend, or by either. */
    tierBasis: z.enum(['points', 'spend', 'either']).default('either'),
    /** A member whose figures fall below their tier keeps it this many months before moving down. */
    graceMonths: int(0, 12).default(3),
    tiers: z.array(loyaltyTier).min(1).max(10),
    earn: z.strictObject({
      repairPerYuan: z.strictObject(
        Object.fromEntries(repairOrderTypes.map((t) => [t, perYuan])) as Record<
          (typeof repairOrderTypes)[number],
          typeof perYuan
        >,
      ),
      /** Per car purchase: the customer's first, second, and each later (Toyota: 1,000 / 2,000 / 1,500). */
      purchase: z.strictObject({ first: int(0, 1_000_000), second: int(0, 1_000_000), later: int(0, 1_000_000) }),
      surveyCompleted: int(0, 1_000_000),
      birthday: int(0, 1_000_000),
      referralSuccess: int(0, 1_000_000),
      eventCheckIn: int(0, 1_000_000),
    }),
    /** Points expire at the end of the Nth month after the month they were earned (0 = never). */
    expiryMonths: int(0, 120).default(24),
    /** What one point is worth at checkout, in fen. */
    pointValueFen: int(1, 10_000).default(10),
    /** At most this share of a bill may be paid with points. */
    maxPointsShare: z.number().min(0).max(1).default(0.5),
    /** An adjustment of more points than this (either way) needs a manager (loyalty.manage). */
    adjustLimit: int(0, 10_000_000).default(1000),
    /** The new-owner pack: issued after the customer's first paid service. */
    newOwnerTemplateIds: z.array(uuid).max(10).default([]),
    /** The coupon a referrer gets besides the points when a referral succeeds (docs/referrals.md); none: points only. */
    referralTemplateId: uuid.nullable().default(null),
    /** Reminders this many days before points or a coupon expire (0 = none). */
    reminderDays: int(0, 90).default(30),
  })
  .superRefine((s, ctx) => {
    const codes = new Set<string>();
    s.tiers.forEach((t, i) => {
      if (codes.has(t.code)) ctx.addIssue({ code: 'custom', path: ['tiers', i, 'code'], message: 'loyalty_tier_dup' });
      codes.add(t.code);
      const before = s.tiers[i - 1];
      if (i === 0 && (t.minPoints !== 0 || t.minSpendFen !== 0))
        ctx.addIssue({ code: 'custom', path: ['tiers', 0, 'minPoints'], message: 'loyalty_tier_first' });
      if (before && (t.minPoints < before.minPoints || t.minSpendFen < before.minSpendFen))
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'minPoints'], message: 'loyalty_tier_order' });
    });
  });
export type LoyaltySettings = z.output<typeof loyaltySettings>;

/**
 * The default programme (seed 002's A-class benefits on the top tiers; Toyota's purchase points). The
 * priority lane is off (no tier holds a share of the booking slots) until the tenant sets the shares.
 */
export const defaultLoyaltySettings = (): LoyaltySettings => ({
  tierBasis: 'either',
  graceMonths: 3,
  tiers: [
    { code: 'standard', name: '普通', minPoints: 0, minSpendFen: 0, benefits: tierBenefits.parse({}) },
    {
      code: 'silver',
      name: '银卡',
      minPoints: 1000,
      minSpendFen: 300_000,
      benefits: tierBenefits.parse({ courtesyCar: true }),
    },
    {
      code: 'gold',
      name: '金卡',
      minPoints: 3000,
      minSpendFen: 800_000,
      benefits: tierBenefits.parse({ courtesyCar: true, freeWash: true, earnMultiplier: 1.2 }),
    },
    {
      code: 'platinum',
      name: '白金',
      minPoints: 6000,
      minSpendFen: 1_500_000,
      benefits: tierBenefits.parse({
        courtesyCar: true,
        freeWash: true,
        vipLounge: true,

        earnMultiplier: 1.5,
      }),
    },
    {
      code: 'diamond',
      name: '钻石',
      minPoints: 12000,
      minSpendFen: 3_000_000,
      benefits: tierBenefits.parse({
        courtesyCar: true,
        freeWash: true,
        vipLounge: true,

        earnMultiplier: 2,
      }),
    },
  ],
  earn: {
    repairPerYuan: { maintenance: 1, general_repair: 1, accident: 1, warranty_claim: 0, campaign: 0 },
    purchase: { first: 1000, second: 2000, later: 1500 },
    surveyCompleted: 50,
    birthday: 200,
    referralSuccess: 500,
    eventCheckIn: 100,
  },
  expiryMonths: 24,
  pointValueFen: 10,
  maxPointsShare: 0.5,
  adjustLimit: 1000,
  newOwnerTemplateIds: [],
  referralTemplateId: null,
  reminderDays: 30,
});

// ── Coupons ────────────────────────────────────────────────────────────────────────────────────────────
export const couponKinds = ['amount', 'percent', 'free_item'] as const;
export type CouponKind = (typeof couponKinds)[number];
export const couponStatuses = ['issued', 'redeemed', 'expired', 'void'] as const;
export type CouponStatus = (typeof couponStatuses)[number];
/** How a coupon was issued. `campaign` is for issue 16's campaigns. */
export const couponOrigins = ['hand', 'rule', 'points', 'campaign'] as const;

export const couponTemplateInput = z
  .strictObject({
    name: z.string().trim().min(1).max(40),
    kind: z.enum(couponKinds),
    /** amount: the fen off; percent: unused (0). */
    amountFen: fen.default(0),
    /** percent: 1–99 off the bill. */
    percentOff: int(0, 99).default(0),
    /** percent: at most this many fen off (0 = no cap). */
    capFen: fen.default(0),
    /** free_item: what is given (e.g. 免费洗车, 空调清洗). */
    item: z.string().trim().max(40).default(''),
    minSpendFen: fen.default(0),
    /** Valid this many days from issue. */
    validDays: int(1, 1095),
    /** Where it may be used; empty = every store. */
    storeIds: z.array(uuid).max(50).default([]),
    /** On which repair order types; empty = any. */
    orderTypes: z.array(z.enum(repairOrderTypes)).default([]),
    /** Owners may exchange this many points for it in the app; null = not for points. */
    pointsCost: int(1, 10_000_000).nullable().default(null),
    active: z.boolean().default(true),
  })
  .superRefine((t, ctx) => {
    if (t.kind === 'amount' && t.amountFen <= 0)
      ctx.addIssue({ code: 'custom', path: ['amountFen'], message: 'loyalty_amount_required' });
    if (t.kind === 'percent' && t.percentOff <= 0)
      ctx.addIssue({ code: 'custom', path: ['percentOff'], message: 'loyalty_percent_required' });
    if (t.kind === 'free_item' && t.item === '')
      ctx.addIssue({ code: 'custom', path: ['item'], message: 'loyalty_item_required' });
  });
export type CouponTemplateInput = z.output<typeof couponTemplateInput>;

/** What a coupon gives and where (a template's terms, and a coupon's, read from its template). */
const couponTerms = {
  name: z.string(),
  kind: z.enum(couponKinds),
  amountFen: z.number(),
  percentOff: z.number(),
  capFen: z.number(),
  item: z.string(),
  minSpendFen: z.number(),
  storeIds: z.array(z.string()),
  orderTypes: z.array(z.enum(repairOrderTypes)),
};

export const couponTemplate = z.object({
  id: uuid,
  ...couponTerms,
  validDays: z.number(),
  pointsCost: z.number().nullable(),
  active: z.boolean(),
  issued: z.number(),
  redeemed: z.number(),
});
export type CouponTemplate = z.infer<typeof couponTemplate>;

export const coupon = z.object({
  id: uuid,
  code: z.string(),
  templateId: uuid,
  ...couponTerms,
  status: z.enum(couponStatuses),
  origin: z.enum(couponOrigins),
  issuedAt: z.string(),
  validUntil: z.string(),
  redeemedAt: z.string().nullable(),
  discountFen: z.number().nullable(),
});
export type Coupon = z.infer<typeof coupon>;

export const couponIssueBody = z.strictObject({
  templateId: uuid,
  customerIds: z.array(uuid).min(1).max(500),
});
export const couponIssueResult = z.object({ issued: z.number() });

// ── The wallet ─────────────────────────────────────────────────────────────────────────────────────────
export const ledgerEntry = z.object({
  id: uuid,
  kind: z.enum(ledgerKinds),
  points: z.number(),
  balanceAfter: z.number(),
  source: z.enum(ledgerSources),
  sourceId: z.string(),
  storeId: z.string().nullable(),
  storeName: z.string().nullable(),
  at: z.string(),
  expiresOn: z.string().nullable(),
  note: z.string().nullable(),
});
export type LedgerEntry = z.infer<typeof ledgerEntry>;

export const memberTierView = z.object({
  code: z.string(),
  name: z.string(),
  since: z.string().nullable(),
  /** Below the tier's threshold: kept until this day, then moved down unless earned back. */
  graceUntil: z.string().nullable(),
  benefits: tierBenefits,
});

export const memberView = z.object({
  customerId: uuid,
  balance: z.number(),
  points12m: z.number(),
  spend12mFen: z.number(),
  tier: memberTierView,
  /** The next tier and what is missing to reach it (either figure suffices when the basis is 'either'). */
  next: z
    .object({ code: z.string(), name: z.string(), pointsNeeded: z.number(), spendNeededFen: z.number() })
    .nullable(),
  expiring: z.object({ points: z.number(), on: z.string() }).nullable(),
  pointValueFen: z.number(),
});
export type MemberView = z.infer<typeof memberView>;

export const memberDetail = memberView.extend({
  customerName: z.string(),
  coupons: z.array(coupon),
  ledger: z.array(ledgerEntry),
  tierHistory: z.array(z.object({ from: z.string().nullable(), to: z.string(), on: z.string() })),
});

export const memberListQuery = z.strictObject({
  tier: tierCode.optional(),
  minPoints: z.coerce.number().int().min(0).optional(),
  /** Members with points expiring within this many days. */
  expiringDays: z.coerce.number().int().min(1).max(366).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export const memberRow = z.object({
  customerId: uuid,
  name: z.string(),
  tier: z.string(),
  tierName: z.string(),
  balance: z.number(),
  points12m: z.number(),
  expiringPoints: z.number(),
  graceUntil: z.string().nullable(),
});
export const memberList = z.object({ items: z.array(memberRow), total: z.number(), pageSize: z.number() });

export const adjustBody = z.strictObject({
  points: z
    .number()
    .int()
    .min(-10_000_000)
    .max(10_000_000)
    .refine((n) => n !== 0, { message: 'loyalty_points_zero' }),
  reason: z.string().trim().min(2).max(200),
});

export const customerIdParams = z.strictObject({ customerId: uuid });

// ── The owner app ──────────────────────────────────────────────────────────────────────────────────────
export const ownerLoyalty = z.object({
  member: memberView.nullable(),
  tiers: z.array(z.object({ code: z.string(), name: z.string(), minPoints: z.number(), benefits: tierBenefits })),
  coupons: z.array(coupon),
  /** What points can buy now. */
  offers: z.array(
    couponTemplate.pick({
      id: true,
      name: true,
      kind: true,
      amountFen: true,
      percentOff: true,
      capFen: true,
      item: true,
      minSpendFen: true,
      validDays: true,
      pointsCost: true,
    }),
  ),
});
export type OwnerLoyalty = z.infer<typeof ownerLoyalty>;
export const ownerStatement = z.object({ items: z.array(ledgerEntry) });
export const redeemBody = z.strictObject({ templateId: uuid });

// ── Checkout (the visit's delivery) ────────────────────────────────────────────────────────────────────
/** What the delivery may apply: a coupon of the customer, and points (within the tenant's share). */
export const checkoutLoyalty = z.strictObject({
  couponId: uuid.optional(),
  points: int(1, 10_000_000).optional(),
});
export const visitLoyalty = z.object({
  member: memberView.nullable(),
  /** The customer's coupons valid for this visit (store, order type, minimum spend, date). */
  coupons: z.array(
    coupon.extend({
      usable: z.boolean(),
      discountFen: z.number(),
      /** The points the bill may take with this coupon applied (the share counts what is left after it). */
      maxPoints: z.number(),
    }),
  ),
  totalFen: z.number(),
  maxPoints: z.number(),
  /** The coupon the visit's booking was made with (a campaign's, one bought with points), if usable here: pre-selected. */
  bookedCouponId: uuid.nullable(),
});
export type VisitLoyalty = z.infer<typeof visitLoyalty>;

// ── Settlement between stores ──────────────────────────────────────────────────────────────────────────
export const settlementQuery = z.strictObject({
  month: isoMonth,
});
export const settlementReport = z.object({
  month: z.string(),
  pointValueFen: z.number(),
  /** Points spent at `spentAt` in the month that were earned at `earnedAt` (oldest points first). */
  rows: z.array(
    z.object({
      earnedAt: z.string().nullable(),
      earnedAtName: z.string().nullable(),
      spentAt: z.string().nullable(),
      spentAtName: z.string().nullable(),
      points: z.number(),
      valueFen: z.number(),
    }),
  ),
});
export type SettlementReport = z.infer<typeof settlementReport>;
