import { definePersonalData } from '../../platform/personal-data.ts';
import { blankMessagesTo, messagesTo, touchesOf } from './contact.queries.ts';
import { expireHeldOf } from './gate.ts';

/**
 * The contact ledger (touches: every contact any source wanted, and what the gate decided) and the
 * messages sent to the person (notifications). Both stay on erasure as the record of what was sent; the
 * messages lose their words and address; a touch still held back by a cap expires with its words.
 */
export const contactPersonalData = definePersonalData({
  module: 'contact',
  tables: [
    { table: 'touches', column: 'customer_id', merge: 'move', erase: 'keep' },
    { table: 'notifications', column: 'customer_id', merge: 'move', erase: 'blank' },
  ],
  export: async (ctx, id, person) => ({
    touches: (await touchesOf(ctx.sql, ctx.tenantId, [id], 100_000)).reverse(),
    messages: await messagesTo(ctx.sql, ctx.tenantId, person),
  }),
  erase: async (ctx, id, person) => {
    await expireHeldOf(ctx.sql, ctx.tenantId, id);
    await blankMessagesTo(ctx.sql, ctx.tenantId, person);
  },
});
