import { definePersonalData } from '../../platform/personal-data.ts';
import * as q from './events.queries.ts';

/**
 * Events hold who was invited and who signed up, waited and came: the dealer's record of attendance (no
 * words of the person). Erasure keeps the rows attached to the anonymous customer and lets go of the person's
 * app accounts before auth deletes them; a merge moves them to the kept record (a sign-up or invitation of
 * the duplicate for an event the kept customer has one for goes first: one per event).
 */
export const eventsPersonalData = definePersonalData({
  module: 'events',
  tables: [
    { table: 'event_signups', column: 'customer_id', merge: 'move', erase: 'blank' },
    { table: 'event_invitations', column: 'customer_id', merge: 'move', erase: 'keep' },
  ],
  export: async (ctx, customerId) => ({
    events: {
      signups: (await q.signupsOfCustomer(ctx.sql, ctx.tenantId, customerId)).map((s) => ({
        eventId: s.event_id,
        status: s.status,
        signedUpAt: s.signed_up_at.toISOString(),
        checkedInAt: s.checked_in_at?.toISOString() ?? null,
      })),
      invitations: (await q.invitationsOfCustomer(ctx.sql, ctx.tenantId, customerId)).map((i) => ({
        eventId: i.event_id,
        channel: i.channel,
        decision: i.decision,
        invitedAt: i.invited_at.toISOString(),
      })),
    },
  }),
  erase: (ctx, customerId, person) => q.unlinkOwners(ctx.sql, ctx.tenantId, customerId, person.ownerIds),
  beforeMerge: (ctx, ids) => q.dropMergeClashes(ctx.sql, ctx.tenantId, ids.intoId, ids.fromId),
});
