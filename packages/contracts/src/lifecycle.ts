// The classes every customer and vehicle is sorted into each night (issue 5). Sources in
// ../shared/domain: lifecycle stages ch1-2 §2.1, visit frequency ch3-4 §3.2, RFM seed 002, loyalty
// ch5-7 §2.4, value matrix ch3-4 §3.4.

/** A vehicle's stage: 0–3 months since delivery, in warranty, out of warranty, over 5 years or 150,000 km. */
export const lifecycleStages = ['new_car', 'warranty', 'out_of_warranty', 'trade_in'] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];

/**
 * Workshop visits in the last 12 months: ≥3, 2, 1, 0 (churned); `new_owner`: no visit in 12 months, a car
 * bought in the last 12 months whose first service is not yet overdue beyond the grace (docs/segments.md).
 * Seasonal/relocated is a flag beside the class (`customers.seasonal`), not a class.
 */
export const frequencyClasses = ['active', 'swing', 'swing_to_churn', 'churned', 'new_owner'] as const;
export type FrequencyClass = (typeof frequencyClasses)[number];

/**
 * Seed 002's A loyal, B potential, C new, D at risk. A customer with history outside every band takes the
 * nearest band (docs/segments.md); `none` only for customers with no history.
 */
export const rfmClasses = ['A', 'B', 'C', 'D', 'none'] as const;
export type RfmClass = (typeof rfmClasses)[number];

export const loyaltyGrades = ['loyal', 'general', 'swing'] as const;
export type LoyaltyGrade = (typeof loyaltyGrades)[number];

/** Frequency × average spend: best (high/high), spend_happy (low/high), frequent (high/low), uncertain. */
export const valueQuadrants = ['best', 'spend_happy', 'frequent', 'uncertain'] as const;
export type ValueQuadrant = (typeof valueQuadrants)[number];

/** How an RFM class was reached: inside the seed's band, the nearest band, or no history (`none`). */
export const rfmBases = ['band', 'nearest', 'no_history'] as const;
export type RfmBasis = (typeof rfmBases)[number];

/** Flags beside the classes: seasonal/relocated (kept on the customer), lapsing high-value (computed). */
export const customerFlags = ['seasonal', 'lapsing'] as const;
export type CustomerFlag = (typeof customerFlags)[number];

/** The dimensions whose moves are kept (segment_changes.dimension). */
export const segmentDimensions = ['stage', 'frequency', 'rfm', 'loyalty', 'value'] as const;
export type SegmentDimension = (typeof segmentDimensions)[number];
