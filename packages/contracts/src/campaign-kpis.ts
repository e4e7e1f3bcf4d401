// The textbook's campaign and event KPIs (issue 16 What 5–6, seed-001 ch5-7 §4.5; docs/campaigns.md,
// docs/events.md) as pure functions, one formula each for both modules. Amounts are fen; the campaigns'
// rates are fractions (0.3333…), the events' percentages with two decimals (`percent`: 42.86), each the same
// formula. A rate over nothing is null, never 0: "no one was reached" is not "no one responded".

/** A fraction as a percentage with two decimals (0.428571… → 42.86); null stays null. */
const asPercent = (fraction: number | null) => (fraction === null ? null : Math.round(fraction * 10_000) / 100);

/** A share as a percentage with two decimals (300 of 700 → 42.86), null when there is nothing to divide by. */
export const percent = (part: number, whole: number): number | null => asPercent(whole > 0 ? part / whole : null);

/** Share of a group that responded (booked or came to the workshop within the window): responders / reached. */
export const responseRate = (responders: number, reached: number): number | null =>
  reached > 0 ? responders / reached : null;

/**
 * Campaign revenue per vehicle = revenue / vehicles (customers) reached. The textbook's example: 300
 * customers, ¥12,000 revenue → ¥40.
 */
export const revenuePerVehicle = (revenueFen: number, vehicles: number): number | null =>
  vehicles > 0 ? Math.round(revenueFen / vehicles) : null;

/**
 * Campaign margin = (revenue − cost) / revenue. The textbook's example: ¥12,000 revenue, ¥8,000 cost →
 * 33.33%.
 */
export const campaignMargin = (revenueFen: number, costFen: number): number | null =>
  revenueFen > 0 ? (revenueFen - costFen) / revenueFen : null;

/** Uplift against the held-back control group: the reached group's rate less the control group's (points of share). */
export const uplift = (reachedRate: number | null, controlRate: number | null): number | null =>
  reachedRate === null || controlRate === null ? null : reachedRate - controlRate;

/**
 * 邀约成功率 = invited and attended / invited. (The book prints it inverted; its example — 500 invited, 700
 * attended, 400 of them invited — gives 80%.)
 */
export const invitationSuccessRate = (f: { invited: number; invitedAttended: number }) =>
  percent(f.invitedAttended, f.invited);

/** The share of attendees who came without an invitation (the example: 300 of 700 → 42.86%). */
export const uninvitedShare = (f: { attended: number; invitedAttended: number }) =>
  percent(f.attended - f.invitedAttended, f.attended);

/** 单车产值 as the events report it: `revenuePerVehicle` over the attendees (300, ¥12,000 → ¥40), in fen. */
export const revenuePerVehicleFen = (f: { revenueFen: number; customers: number }) =>
  revenuePerVehicle(f.revenueFen, f.customers);

/** 毛利率 as the events report it: `campaignMargin` as a percentage (¥12,000 and ¥8,000 → 33.33). */
export const marginPercent = (f: { revenueFen: number; costFen: number }) =>
  asPercent(campaignMargin(f.revenueFen, f.costFen));
