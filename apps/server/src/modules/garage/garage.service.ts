import { plateCheck, type AuditAction, type BindingRequest, type OwnerBinding, type OwnerGarage } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { OwnerCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { withLines } from '../history/history.service.ts';
import { toOwnerBinding, toOwnerVehicle, toOwnerVisit } from './garage.present.ts';
import * as q from './garage.queries.ts';

/** What other modules may use of this module's SQL: they go through the service (lint rule m4s/no-foreign-queries). */
export { bindingsOfOwner, confirmedOwnersOf, odometerOf } from './garage.queries.ts';

/**
 * Binding tries per owner and hour. Six characters of a VIN and a plate are not a secret against a
 * patient guesser, so the tries are counted (every one is in the audit log) and capped.
 */
export const bindRules = { perOwnerPerHour: 10 } as const;
const attemptActions: AuditAction[] = ['vehicle_binding.requested', 'vehicle_binding.no_match'];

/**
 * 我的车辆: the cars of the current bindings, and the requests still waiting or turned down (the newest
 * per car). A binding a change of owner ended (or left behind, no longer current) shows neither.
 */
export const ownerGarage = async (ctx: OwnerCtx): Promise<OwnerGarage> => {
  const rows = (await q.bindingsOfOwner(ctx.db, ctx.tenantId, ctx.actor.id)).filter(
    (r) => r.b.status === 'pending' || r.b.status === 'rejected' || r.current,
  );
  const confirmed = rows.filter((r) => r.current);
  const live = new Set(rows.filter((r) => r.b.status !== 'rejected').map((r) => r.v.id));
  const seen = new Set<string>();
  const requests = rows.filter((r) => {
    if (r.current || (r.b.status === 'rejected' && live.has(r.v.id)) || seen.has(r.v.id)) return false;
    seen.add(r.v.id);
    return true;
  });
  return {
    vehicles: await Promise.all(confirmed.map((r) => toOwnerVehicle(ctx, r))),
    requests: requests.map(toOwnerBinding),
  };
};

type BindResult = { ok: true; created: boolean; binding: OwnerBinding } | { ok: false; error: AppError };

/**
 * Claims a car by the VIN's last six and the plate, as printed on the 行驶证. A miss says only that no
 * car matches both — never which of the two was wrong — and is counted (and committed) before the error,
 * hence the result type. Asking again for a car already claimed answers the existing claim.
 */
export const requestBinding = async (ctx: OwnerCtx, input: BindingRequest): Promise<BindResult> => {
  const now = ctx.clock.now();
  const tries = await q.bindAttemptsSince(
    ctx.db,
    ctx.tenantId,
    ctx.actor.id,
    attemptActions,
    new Date(now.getTime() - 3600_000),
  );
  if (tries >= bindRules.perOwnerPerHour)
    return { ok: false, error: new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: 3600 }) };
  const plate = plateCheck(input.plate);
  if (!plate.ok) return { ok: false, error: AppError.field('plate', 'plate') };
  const [car] = await q.carsByVinSuffixAndPlate(ctx.db, ctx.tenantId, input.vinLast6, plate.plate);
  if (!car) {
    await audit(ctx, { action: 'vehicle_binding.no_match', details: { vinLast6: input.vinLast6, plate: plate.plate } });
    return {
      ok: false,
      error: new AppError('NOT_FOUND', undefined, { issues: [{ path: 'vehicle', message: 'binding_no_match' }] }),
    };
  }
  const existing = await q.liveBinding(ctx.db, ctx.tenantId, ctx.actor.id, car.id);
  const binding =
    existing ??
    (await q.insertBinding(ctx.db, {
      tenantId: ctx.tenantId,
      ownerId: ctx.actor.id,
      vehicleId: car.id,
      status: 'pending',
      requestedAt: now,
    }));
  if (!existing)
    await audit(ctx, {
      action: 'vehicle_binding.requested',
      target: { type: 'vehicle_binding', id: binding.id },
      details: { vehicleId: car.id },
    });
  const row = (await q.bindingsOfOwner(ctx.db, ctx.tenantId, ctx.actor.id)).find((r) => r.b.id === binding.id);
  if (!row) throw new AppError('NOT_FOUND');
  return { ok: true, created: !existing, binding: toOwnerBinding(row) };
};

/** Withdraws a request, dismisses a refusal, or unbinds a confirmed car: the owner's own rows only. */
export const removeBinding = async (ctx: OwnerCtx, bindingId: string) => {
  const row = await q.findBinding(ctx.db, ctx.tenantId, bindingId);
  // An ended binding is history (who could see the car, until when): not the owner's to delete.
  if (!row || row.ownerId !== ctx.actor.id || row.status === 'ended') throw new AppError('NOT_FOUND');
  await q.deleteBinding(ctx.db, ctx.tenantId, bindingId);
  await audit(ctx, {
    action: row.status === 'confirmed' ? 'vehicle_binding.unbound' : 'vehicle_binding.withdrawn',
    target: { type: 'vehicle_binding', id: bindingId },
    details: { vehicleId: row.vehicleId, status: row.status },
  });
};

/** 维修档案: a car's visits, for its current owner only — anyone else is told there is no such car. */
export const vehicleHistory = async (ctx: OwnerCtx, vehicleId: string) => {
  const rows = await q.bindingsOfOwner(ctx.db, ctx.tenantId, ctx.actor.id);
  const row = rows.find((r) => r.v.id === vehicleId && r.current);
  if (!row) throw new AppError('NOT_FOUND');
  const [vehicle, visits] = await Promise.all([
    toOwnerVehicle(ctx, row),
    q
      .visitsOf(ctx.db, ctx.tenantId, vehicleId)
      .then((orders) => withLines(ctx.db, ctx.tenantId, orders, (r) => r.o.id)),
  ]);
  return { vehicle, visits: visits.map(toOwnerVisit) };
};
