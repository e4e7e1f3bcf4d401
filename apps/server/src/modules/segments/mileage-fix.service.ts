import type { MileageFixInput, Vehicle } from '@m4s/contracts';
import type { StaffCtx } from '../../platform/context.ts';
import { tenantToday } from '../../platform/time/tenant-zone.ts';
import { resolveFlaggedMileage } from '../vehicles/vehicles.service.ts';
import { classifyTenant } from './classify.ts';

/**
 * A flagged odometer value fixed by a person (vehicles.service resolveFlaggedMileage), then the car's owner
 * reclassified at once (set-based, that one customer and their cars): the forecast and km/day follow the
 * fix now, not at the next night. Here, above vehicles, because classification lives in this module.
 */
export const fixFlaggedMileage = async (
  ctx: StaffCtx,
  params: { id: string; flagId: string },
  input: MileageFixInput,
): Promise<Vehicle> => {
  const { vehicle, ownerId } = await resolveFlaggedMileage(
    ctx,
    params.id,
    { kind: input.kind, flagId: params.flagId },
    input,
  );
  if (ownerId) await classifyTenant(ctx, await tenantToday(ctx), { customerIds: [ownerId] });
  return vehicle;
};
