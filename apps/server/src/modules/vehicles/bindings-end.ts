import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { enqueueNotice } from '../../platform/notify/outbox.ts';
import { postInbox } from '../inbox/inbox.service.ts';
import { currentTenant } from '../tenants/tenants.service.ts';
import { endBindingsOfCar as endBindingsQuery } from './vehicles.queries.ts';

/** Why the car's bindings end: a transfer at the desk, or an owner given to the car by a DMS import. */
export type BindingEndReason = 'vehicle_transferred' | 'owner_imported';

/**
 * The car changed owner (vehicles.transferVehicle, or a DMS import that gives it an owner:
 * vehicles.changeOwnerByImport): every confirmed binding of it ends — kept as history (status 'ended',
 * ended_at), each on the record — and each account is told, in its 消息中心 and by SMS, that it will hear
 * no more of the car. The new owner binds in their turn, confirmed by the store.
 */
export const endBindingsOfCar = async (
  ctx: Ctx,
  car: { id: string; plate: string | null; vin: string },
  reason: BindingEndReason = 'vehicle_transferred',
): Promise<number> => {
  const ended = await endBindingsQuery(ctx.db, ctx.tenantId, car.id, ctx.clock.now());
  if (ended.length === 0) return 0;
  const tenant = await currentTenant(ctx);
  const words = car.plate ?? `VIN尾号${car.vin.slice(-6)}`;
  const what = reason === 'vehicle_transferred' ? '已办理过户' : '的车主信息已变更';
  const whatAt =
    reason === 'vehicle_transferred' ? `已在${tenant.shortName}办理过户` : `在${tenant.shortName}的车主信息已变更`;
  for (const b of ended) {
    await audit(ctx, {
      action: 'vehicle_binding.ended',
      target: { type: 'vehicle_binding', id: b.id },
      details: { ownerId: b.ownerId, vehicleId: car.id, reason },
    });
    await postInbox(ctx, b.ownerId, {
      kind: 'transactional',
      topic: 'vehicle_binding_ended',
      title: '车辆绑定已解除',
      body: `您绑定的车辆${words}${whatAt}，您的绑定已解除，今后不再收到该车的到店、报价等消息。如有疑问请联系门店。`,
      link: null,
    });
  }
  for (const phone of new Set(ended.map((b) => b.phone)))
    await enqueueNotice(ctx, {
      channel: 'sms',
      to: phone,
      kind: 'transactional',
      topic: 'vehicle_binding.ended',
      body: `【${tenant.shortName}】您绑定的车辆${words}${what}，车主服务中的绑定已解除。如有疑问请联系门店。`,
    });
  return ended.length;
};
