import { and, eq, sql } from 'drizzle-orm';
import type { FollowUpSlot, PhoneFlag } from '@m4s/contracts';
import type { StaffCtx } from '../../platform/context.ts';
import { consents, customerPhones, customers } from '../../platform/db/schema/index.ts';

/**
 * What a follow-up call learns about the customer's record (docs/calls.md): a number found wrong,
 * disconnected or empty is flagged on the phone (a new number replaces the row, and the flag with it).
 */
export const flagPhone = async (ctx: StaffCtx, customerId: string, phone: string, flag: PhoneFlag): Promise<void> => {
  await ctx.db
    .update(customerPhones)
    .set({ flag, flaggedAt: ctx.clock.now() })
    .where(
      and(
        eq(customerPhones.tenantId, ctx.tenantId),
        eq(customerPhones.customerId, customerId),
        eq(customerPhones.phone, phone),
      ),
    );
};

/**
 * The customer's answers about being called: the slot they prefer from now on, and a refusal — the
 * follow-up topic opted out (the contact gate suppresses the next follow-up touch) and recorded as a
 * consent withdrawn by phone, so it is remembered and shown in the 360 view.
 */
export const recordCallAnswers = async (
  ctx: StaffCtx,
  customerId: string,
  answers: { preferredSlot?: FollowUpSlot | undefined; refused?: boolean },
): Promise<void> => {
  const now = ctx.clock.now();
  const where = and(eq(customers.tenantId, ctx.tenantId), eq(customers.id, customerId));
  if (answers.preferredSlot)
    await ctx.db.update(customers).set({ preferredSlot: answers.preferredSlot, updatedAt: now }).where(where);
  if (!answers.refused) return;
  await ctx.db
    .update(customers)
    .set({
      topicsOptedOut: sql`CASE WHEN 'follow_up' = ANY(${customers.topicsOptedOut}) THEN ${customers.topicsOptedOut}
        ELSE array_append(${customers.topicsOptedOut}, 'follow_up') END`,
      updatedAt: now,
    })
    .where(where);
  await ctx.db.insert(consents).values({
    tenantId: ctx.tenantId,
    customerId,
    subject: 'follow_up',
    granted: false,
    via: 'phone',
    recordedBy: ctx.actor.id,
    at: now,
  });
};
