import { z } from 'zod';
import { mobilePhone, uuid } from './common.ts';

/**
 * Referrals (issue 16 point 4, docs/referrals.md): an owner's code brings a lead — a new-car inquiry, a test
 * drive, a first service booking, or a walk-in staff record with the code — attributed to the referrer and
 * to the store's consultant. The reward (the tenant's "referral success" points and coupon) lands when the
 * referred customer buys a car or completes a paid visit.
 */
export const referralChannels = ['inquiry', 'test_drive', 'service', 'walk_in'] as const;
export type ReferralChannel = (typeof referralChannels)[number];

/** invited → visited (the referred person became a customer with a visit or an order) → rewarded; or ineligible. */
export const referralStatuses = ['invited', 'visited', 'rewarded', 'ineligible'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

/** Why a referral earns nothing: the referrer themselves, a customer already, someone else referred them first. */
export const referralRefusals = ['referral_self', 'referral_existing_customer', 'referral_already_referred'] as const;
export type ReferralRefusal = (typeof referralRefusals)[number];

/** A referral code: 6–12 letters and digits (case-insensitive; kept upper-case). */
export const referralCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{6,12}$/, { message: 'referral_code' })
  .transform((s) => s.toUpperCase());

const name = z.string().trim().min(1).max(40);

/** The owner app: a lead made with a code (the link or the QR poster), for the signed-in owner's phone. */
export const ownerReferralBody = z.strictObject({
  code: referralCode,
  channel: z.enum(['inquiry', 'test_drive', 'service']),
  name,
  storeId: uuid.nullable().default(null),
  note: z.string().trim().max(200).nullable().default(null),
});
export type OwnerReferralBody = z.output<typeof ownerReferralBody>;

/** Admin: a referred walk-in recorded by staff with the code the person brought. */
export const staffReferralBody = z.strictObject({
  code: referralCode,
  channel: z.enum(referralChannels).default('walk_in'),
  name,
  phone: mobilePhone,
  storeId: uuid,
  consultantId: uuid.nullable().default(null),
  note: z.string().trim().max(200).nullable().default(null),
});
export type StaffReferralBody = z.output<typeof staffReferralBody>;

export const referral = z.object({
  id: uuid,
  code: z.string(),
  channel: z.enum(referralChannels),
  status: z.enum(referralStatuses),
  /** The refusal's message code when ineligible (referralRefusals). */
  reason: z.enum(referralRefusals).nullable(),
  referrer: z.object({ id: uuid, name: z.string() }),
  /** Masked unless the reader may see the customer (staff) — the owner sees 138****0001. */
  referredName: z.string(),
  referredPhone: z.string(),
  referredCustomerId: uuid.nullable(),
  store: z.object({ id: uuid, name: z.string() }),
  consultant: z.object({ id: uuid, name: z.string() }).nullable(),
  createdAt: z.string(),
  visitedAt: z.string().nullable(),
  rewardedAt: z.string().nullable(),
  rewardPoints: z.number().int(),
  rewardCouponId: uuid.nullable(),
});
export type Referral = z.output<typeof referral>;

export const referralListQuery = z.strictObject({
  status: z.enum(referralStatuses).optional(),
  storeId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Referral rate = referrals rewarded / eligible referrals (ineligible ones are counted apart). */
export const referralRate = z.object({
  id: uuid,
  name: z.string(),
  invited: z.number().int(),
  visited: z.number().int(),
  rewarded: z.number().int(),
  ineligible: z.number().int(),
  rate: z.number(),
});
export type ReferralRate = z.output<typeof referralRate>;

export const referralReport = z.object({
  totals: referralRate.omit({ id: true, name: true }),
  stores: z.array(referralRate),
  consultants: z.array(referralRate),
  items: z.array(referral),
});
export type ReferralReport = z.output<typeof referralReport>;

/** The owner's 推荐有礼: their code (null without a confirmed car: no customer record to reward yet). */
export const ownerReferrals = z.object({
  code: z.string().nullable(),
  rewardPoints: z.number().int(),
  rewardCoupon: z.string().nullable(),
  items: z.array(referral),
});
export type OwnerReferrals = z.output<typeof ownerReferrals>;

/** What a code shows before sign-in (the landing of the link): whose it is, masked, and the stores to pick. */
export const referralCodeInfo = z.object({
  code: z.string(),
  referrer: z.string(),
  stores: z.array(z.object({ id: uuid, name: z.string() })),
});
export const referralCodeParams = z.strictObject({ code: referralCode });
