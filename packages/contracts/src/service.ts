/**
 * Booking and the service visit: the shared vocabulary (issue 4). Request/response schemas live next to
 * it in booking.ts and visits.ts.
 */
export const serviceCategories = [
  'first_maintenance',
  'maintenance',
  'repair',
  'inspection',
  'tyre',
  'wash',
  'accident',
  'other',
] as const;
export type ServiceCategory = (typeof serviceCategories)[number];

/** How a booking was made: the owner app, a phone call taken by staff, a walk-in, or staff otherwise. */
export const bookingChannels = ['app', 'phone', 'walk_in', 'staff'] as const;
export type BookingChannel = (typeof bookingChannels)[number];

export const bookingStatuses = ['booked', 'arrived', 'completed', 'cancelled', 'no_show'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

/** The visit's stages, in order; `waiting_parts` may go back to `in_bay`. */
export const visitStatuses = ['checked_in', 'in_bay', 'waiting_parts', 'quality_check', 'ready', 'delivered'] as const;
export type VisitStatus = (typeof visitStatuses)[number];

/** Which stage may follow which: anything else (deliver before the quality check…) is refused. */
export const visitTransitions: Record<VisitStatus, readonly VisitStatus[]> = {
  checked_in: ['in_bay'],
  in_bay: ['waiting_parts', 'quality_check'],
  waiting_parts: ['in_bay'],
  quality_check: ['in_bay', 'ready'],
  ready: ['delivered'],
  delivered: [],
};

/** draft: the advisor is still writing it; proposed: sent to the owner; then the owner's (or phone) decision. */
export const estimateLineStatuses = ['draft', 'proposed', 'approved', 'declined'] as const;
export type EstimateLineStatus = (typeof estimateLineStatuses)[number];

/** How a decision on an estimate line reached us. */
export const decisionVias = ['app', 'phone', 'in_person'] as const;
export type DecisionVia = (typeof decisionVias)[number];

export const paymentMethods = ['cash', 'card', 'wechat', 'alipay', 'transfer'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
