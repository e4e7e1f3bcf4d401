// The textbook's campaign KPIs (issue 16 What 5–6, docs/campaigns.md) as pure functions. Amounts are fen,
// rates are fractions (0.3333…), rounded only where they are shown. A rate over nothing is null, never 0:
// "no one was reached" is not "no one responded".

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
