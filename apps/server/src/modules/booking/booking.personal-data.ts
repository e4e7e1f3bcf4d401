import { definePersonalData } from '../../platform/personal-data.ts';
import { blankBookingsOf, bookingsForExport } from './booking.queries.ts';

/**
 * Bookings are business records: they move with a merge and stay on erasure, without what the person
 * said (concerns, cancel reason), the pick-up address and phone, and the app account that booked.
 */
export const bookingPersonalData = definePersonalData({
  module: 'booking',
  tables: [{ table: 'bookings', column: 'customer_id', merge: 'move', erase: 'blank' }],
  export: async (ctx, id) => ({
    bookings: (await bookingsForExport(ctx.db, ctx.tenantId, id)).map((b) => ({
      ...b,
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      createdAt: b.createdAt.toISOString(),
      cancelledAt: b.cancelledAt?.toISOString() ?? null,
    })),
  }),
  erase: (ctx, id, person) => blankBookingsOf(ctx.db, ctx.tenantId, id, person.ownerIds),
});
