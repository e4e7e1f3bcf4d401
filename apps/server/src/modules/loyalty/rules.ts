import {
  defaultLoyaltySettings,
  loyaltySettings,
  type Coupon,
  type LoyaltySettings,
  type LoyaltyTier,
  type RepairOrder,
} from '@m4s/contracts';
import { addDays, addMonths, type Day } from '../../platform/time/zone.ts';

/**
 * The rules of the programme as plain functions (docs/loyalty.md), mirrored by the nightly SQL where it
 * works in sets (loyalty.sql.ts): the tenant's settings, tiers, expiry days, coupon discounts.
 */

/** The tenant's stored settings over the default programme; an empty or outdated value is the default. */
export const settingsOf = (stored: Record<string, unknown>): LoyaltySettings => {
  if (Object.keys(stored).length === 0) return defaultLoyaltySettings();
  const parsed = loyaltySettings.safeParse(stored);
  return parsed.success ? parsed.data : defaultLoyaltySettings();
};

/** Points earned on `day` are gone after the last day of the Nth month after its month (null: never). */
export const expiresOnOf = (day: Day, months: number): Day | null =>
  months === 0 ? null : addDays(addMonths(`${day.slice(0, 8)}01`, months + 1), -1);

type Figures = { points12m: number; spend12mFen: number };

const reaches = (s: LoyaltySettings, t: LoyaltyTier, f: Figures) =>
  s.tierBasis === 'points'
    ? f.points12m >= t.minPoints
    : s.tierBasis === 'spend'
      ? f.spend12mFen >= t.minSpendFen
      : f.points12m >= t.minPoints || f.spend12mFen >= t.minSpendFen;

/** The highest tier the figures reach (the first tier, 0 and 0, always). */
export const tierFor = (s: LoyaltySettings, f: Figures): LoyaltyTier =>
  [...s.tiers].reverse().find((t) => reaches(s, t, f)) ?? s.tiers[0]!;

export const tierByCode = (s: LoyaltySettings, code: string): LoyaltyTier =>
  s.tiers.find((t) => t.code === code) ?? s.tiers[0]!;

export const rankOf = (s: LoyaltySettings, code: string) =>
  Math.max(
    0,
    s.tiers.findIndex((t) => t.code === code),
  );

/** The tier above `code` and what is missing to reach it (0 where that figure is already enough). */
export const nextTierOf = (s: LoyaltySettings, code: string, f: Figures) => {
  const next = s.tiers[rankOf(s, code) + 1];
  if (!next) return null;
  return {
    code: next.code,
    name: next.name,
    pointsNeeded: s.tierBasis === 'spend' ? 0 : Math.max(0, next.minPoints - f.points12m),
    spendNeededFen: s.tierBasis === 'points' ? 0 : Math.max(0, next.minSpendFen - f.spend12mFen),
  };
};

/** Points for a paid repair order: per yuan by its type, times the tier's multiplier, whole points down. */
export const repairPoints = (s: LoyaltySettings, type: RepairOrder['type'], paidFen: number, multiplier = 1) =>
  Math.floor((paidFen / 100) * s.earn.repairPerYuan[type] * multiplier);

/** The n-th car the customer bought (1-based): Toyota's first / second / later. */
export const purchasePoints = (s: LoyaltySettings, nth: number) =>
  nth <= 1 ? s.earn.purchase.first : nth === 2 ? s.earn.purchase.second : s.earn.purchase.later;

type CouponTerms = Pick<
  Coupon,
  'kind' | 'amountFen' | 'percentOff' | 'capFen' | 'minSpendFen' | 'storeIds' | 'orderTypes' | 'status' | 'validUntil'
>;

/** Why a coupon cannot be used on a bill (null: it can): the message codes of i18n-loyalty.ts. */
export const couponRefusal = (
  c: CouponTerms,
  bill: { totalFen: number; storeId: string; orderType: RepairOrder['type']; today: Day },
): string | null => {
  if (c.status !== 'issued') return 'loyalty_coupon_used';
  if (c.validUntil < bill.today) return 'loyalty_coupon_expired';
  if (c.storeIds.length > 0 && !c.storeIds.includes(bill.storeId)) return 'loyalty_coupon_store';
  if (c.orderTypes.length > 0 && !c.orderTypes.includes(bill.orderType)) return 'loyalty_coupon_type';
  if (bill.totalFen < c.minSpendFen) return 'loyalty_coupon_min_spend';
  return null;
};

/** What the coupon takes off a bill (never more than the bill; a free item is given, not discounted). */
export const couponDiscount = (c: CouponTerms, totalFen: number): number => {
  const off =
    c.kind === 'amount' ? c.amountFen : c.kind === 'percent' ? Math.floor((totalFen * c.percentOff) / 100) : 0;
  const capped = c.kind === 'percent' && c.capFen > 0 ? Math.min(off, c.capFen) : off;
  return Math.max(0, Math.min(capped, totalFen));
};

/** The most points a bill may take: the tenant's share of what is left after the coupon, in whole points. */
export const maxPointsFor = (s: LoyaltySettings, totalFen: number, couponFen: number) =>
  Math.floor((Math.max(0, totalFen - couponFen) * s.maxPointsShare) / s.pointValueFen);
