import type { BindingDecision, BindingStatus, StaffBinding } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueueNotice } from '../../platform/notify/outbox.ts';
import { tenantToday } from '../../platform/time/tenant-zone.ts';
import { maskPhone, roleSeesContacts, seesFullContact } from '../customers/customers.mask.ts';
import { ownCustomersOnly } from '../customers/customers.scope.ts';
import { currentTenant } from '../tenants/tenants.service.ts';
import { openOwnershipOf } from '../vehicles/vehicles.service.ts';
import * as q from './garage.queries.ts';

/** The account's phone follows the customer rules: full for contact roles and the customer's own staff. */
const present = (ctx: StaffCtx, r: q.ReviewRow): StaffBinding => {
  const full = r.customer ? seesFullContact(ctx.actor, r.customer) : roleSeesContacts(ctx.actor);
  return {
    id: r.b.id,
    status: r.b.status,
    requestedAt: r.b.requestedAt.toISOString(),
    decidedAt: r.b.decidedAt?.toISOString() ?? null,
    decidedByName: r.decidedByName,
    reason: r.b.reason,
    owner: {
      id: r.b.ownerId,
      name: r.ownerName,
      phone: full ? r.ownerPhone : maskPhone(r.ownerPhone),
      phoneMasked: !full,
    },
    vehicle: {
      id: r.b.vehicleId,
      vin: r.vin,
      plate: r.plate,
      brandName: r.brandName,
      seriesName: r.seriesName,
      modelName: r.modelName,
    },
    customer: r.customer && !r.customer.erasedAt ? { id: r.customer.id, name: r.customer.name } : null,
    phoneMatchesCustomer: Boolean(r.phoneMatches),
  };
};

/** Showing unmasked numbers is itself on the record, as for customers. */
const auditContacts = async (ctx: StaffCtx, items: StaffBinding[]) => {
  const shown = items.filter((i) => !i.owner.phoneMasked).map((i) => i.id);
  if (shown.length > 0) await audit(ctx, { action: 'vehicle_binding.contacts_viewed', details: { bindingIds: shown } });
};

/** 车辆绑定审核: requests of one status; a restricted consultant sees only their own customers' cars. */
export const listBindings = async (ctx: StaffCtx, status: BindingStatus): Promise<StaffBinding[]> => {
  const rows = await q.bindingsForReview(ctx.db, ctx.tenantId, { status, ownCustomersOf: ownCustomersOnly(ctx.actor) });
  const items = rows.map((r) => present(ctx, r));
  await auditContacts(ctx, items);
  return items;
};

const loadForReview = async (ctx: StaffCtx, id: string) => {
  const [row] = await q.bindingsForReview(ctx.db, ctx.tenantId, {
    status: 'pending',
    id,
    ownCustomersOf: ownCustomersOnly(ctx.actor),
  });
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

const alreadyDecided = () =>
  new AppError('CONFLICT', undefined, { issues: [{ path: 'decision', message: 'binding_decided' }] });

/**
 * A person at the store confirms or turns down a request — never the system, even when the account's
 * phone is the customer's: a phone changes hands more often than people think. The owner is told by SMS.
 */
export const decideBinding = async (ctx: StaffCtx, id: string, input: BindingDecision): Promise<StaffBinding> => {
  const row = await loadForReview(ctx, id);
  if (row.b.status !== 'pending') throw alreadyDecided();
  const reason = input.reason?.trim() || null;
  if (input.decision === 'rejected' && !reason) throw AppError.field('reason', 'reason_required');
  // A confirmed binding follows the ownership it was confirmed under: a later change of owner ends it.
  const ownershipId =
    input.decision === 'confirmed'
      ? await openOwnershipOf(ctx.db, ctx.tenantId, row.b.vehicleId, await tenantToday(ctx))
      : null;
  const decided = await q.decideBinding(ctx.db, ctx.tenantId, id, {
    status: input.decision,
    decidedBy: ctx.actor.id,
    decidedAt: ctx.clock.now(),
    reason,
    ownershipId,
  });
  if (!decided) throw alreadyDecided();
  await audit(ctx, {
    action: `vehicle_binding.${input.decision}`,
    target: { type: 'vehicle_binding', id },
    // The reason's words stay on the binding (deleted with the account on erasure), not in the audit log.
    details: {
      ownerId: row.b.ownerId,
      vehicleId: row.b.vehicleId,
      phoneMatches: Boolean(row.phoneMatches),
      withReason: reason !== null,
    },
  });
  const tenant = await currentTenant(ctx);
  const car = row.plate ?? `VIN尾号${row.vin.slice(-6)}`;
  await enqueueNotice(ctx, {
    channel: 'sms',
    to: row.ownerPhone,
    kind: 'transactional',
    topic: 'vehicle_binding.decided',
    body:
      input.decision === 'confirmed'
        ? `【${tenant.shortName}】您申请绑定的车辆${car}已通过门店确认，可在车主服务“维修档案”中查看保养与维修记录。`
        : `【${tenant.shortName}】您申请绑定的车辆${car}未通过门店确认，原因：${reason ?? ''}。如有疑问请联系门店。`,
  });
  return present(ctx, await loadForReview(ctx, id));
};
