import type { Ctx } from '../../platform/context.ts';
import { emitWebhook } from '../../platform/webhooks/emit.ts';
import * as q from './customers.queries.ts';

/** The customer as a webhook tells it: name, phones, source, home store (read after the change). */
const customerData = async (ctx: Ctx, id: string) => {
  const c = await q.findCustomer(ctx.db, ctx.tenantId, id);
  if (!c) throw new Error(`customer ${id} vanished inside its own transaction`);
  const phones = await q.phonesOf(ctx.db, ctx.tenantId, [id]);
  return {
    id: c.id,
    name: c.name,
    phones: phones.map((p) => p.phone),
    source: c.source,
    homeStoreId: c.homeStoreId,
  };
};

export const customerCreatedHook = (ctx: Ctx, id: string) =>
  emitWebhook(ctx, 'customer.created', id, async () => ({ customer: await customerData(ctx, id) }));

/** The kept record, after the merge; `mergedId` no longer exists. */
export const customerMergedHook = (ctx: Ctx, intoId: string, mergedId: string) =>
  emitWebhook(ctx, 'customer.merged', intoId, async () => ({ customer: await customerData(ctx, intoId), mergedId }));
