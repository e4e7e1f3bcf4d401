import { and, eq, inArray } from 'drizzle-orm';
import type { ContactPolicy, OwnerContactPreferences, OwnerTouches, TouchList } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { OwnerCtx, StaffCtx } from '../../platform/context.ts';
import { consents, customers, tenants } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { findCustomer, getCustomerRow } from '../customers/customers.service.ts';
import * as q from './contact.queries.ts';
import { gateSettings } from './policy.ts';

export const getPolicy = async (ctx: StaffCtx): Promise<ContactPolicy> => {
  authorize(ctx.actor, 'care.manage');
  return (await gateSettings(ctx.sql, ctx.tenantId)).policy;
};

/** The whole policy is stored (the schema's floors already refused caps below the care flows' needs). */
export const updatePolicy = async (ctx: StaffCtx, policy: ContactPolicy): Promise<ContactPolicy> => {
  authorize(ctx.actor, 'care.manage');
  const before = (await gateSettings(ctx.sql, ctx.tenantId)).policy;
  await ctx.db
    .update(tenants)
    .set({ contactPolicy: policy, updatedAt: ctx.clock.now() })
    .where(eq(tenants.id, ctx.tenantId));
  await audit(ctx, {
    action: 'contact.policy_updated',
    target: { type: 'tenant', id: ctx.tenantId },
    details: { before, after: policy },
  });
  return policy;
};

/** 触达记录 of one customer: what was sent, deferred or held back, and why. */
export const customerTouches = async (ctx: StaffCtx, id: string, limit: number): Promise<TouchList> => {
  authorize(ctx.actor, 'customer.read');
  await getCustomerRow(ctx, id);
  return { items: await q.touchesOf(ctx.sql, ctx.tenantId, [id], limit) };
};

const preferencesOf = async (ctx: OwnerCtx, customerId: string): Promise<OwnerContactPreferences | null> => {
  const row = await findCustomer(ctx.db, ctx.tenantId, customerId);
  if (!row) return null;
  return {
    channels: row.channels,
    quietStart: row.quietStart,
    quietEnd: row.quietEnd,
    topicsOptedOut: row.topicsOptedOut,
    marketingOptOut: row.marketingOptOut,
    preferredSlot: row.preferredSlot,
  };
};

/** 我的 › 消息设置: the owner's choices and the last touches made (or held back) for them. */
/** The customers an app account speaks for (its phone's, its confirmed cars' owners). */
export const customersOfOwnerAccount = (ctx: OwnerCtx) => q.customersOfOwner(ctx.sql, ctx.tenantId, ctx.actor.id);

export const ownerTouches = async (ctx: OwnerCtx): Promise<OwnerTouches> => {
  const ids = await q.customersOfOwner(ctx.sql, ctx.tenantId, ctx.actor.id);
  const first = ids[0];
  return {
    preferences: first ? await preferencesOf(ctx, first) : null,
    items: await q.touchesOf(ctx.sql, ctx.tenantId, ids, 50),
  };
};

/**
 * One place for the owner to change what they receive: it applies to every customer record the
 * account speaks for. A marketing change is a consent (PIPL) recorded as given in the owner app.
 */
export const updateOwnerPreferences = async (ctx: OwnerCtx, prefs: OwnerContactPreferences): Promise<OwnerTouches> => {
  const ids = await q.customersOfOwner(ctx.sql, ctx.tenantId, ctx.actor.id);
  if (ids.length === 0) throw new AppError('NOT_FOUND');
  const now = ctx.clock.now();
  const before = await ctx.db
    .select({ id: customers.id, marketingOptOut: customers.marketingOptOut })
    .from(customers)
    .where(and(eq(customers.tenantId, ctx.tenantId), inArray(customers.id, ids)));
  await ctx.db
    .update(customers)
    .set({ ...prefs, updatedAt: now })
    .where(and(eq(customers.tenantId, ctx.tenantId), inArray(customers.id, ids)));
  const changed = before.filter((b) => b.marketingOptOut !== prefs.marketingOptOut);
  if (changed.length > 0)
    await ctx.db.insert(consents).values(
      changed.map((b) => ({
        tenantId: ctx.tenantId,
        customerId: b.id,
        subject: 'marketing',
        granted: !prefs.marketingOptOut,
        via: 'owner_app' as const,
        at: now,
      })),
    );
  await audit(ctx, {
    action: 'contact.owner_preferences_updated',
    target: { type: 'owner', id: ctx.actor.id },
    details: { customerIds: ids },
  });
  return ownerTouches(ctx);
};
