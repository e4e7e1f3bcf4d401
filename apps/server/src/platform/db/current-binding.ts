import { sql } from 'drizzle-orm';
import { vehicleBindings, vehicleOwnerships } from './schema/index.ts';

/**
 * A binding is current while it is confirmed and the ownership it was confirmed under is still open: a
 * change of owner ends it (vehicles.transferVehicle → endBindingsOfCar), and this check keeps a binding
 * that was not ended (an older release, a change of owner by import) from showing the new owner's car,
 * visits or notices. Every owner-app read and every "who hears about this car" goes through it (the raw
 * SQL of contact and telematics repeats it as currentBindingSql).
 */
// The subquery names the tenant itself (not only through the binding's row): Citus routes a statement to one
// shard only when every distributed table in it is pinned by `tenant_id = <the tenant>` (docs/scaling.md §4).
export const bindingIsCurrent = (tenantId: string) =>
  sql<boolean>`(${vehicleBindings.status} = 'confirmed' and (${vehicleBindings.ownershipId} is null or not exists (select 1 from ${vehicleOwnerships} where ${vehicleOwnerships.tenantId} = ${tenantId} and ${vehicleOwnerships.tenantId} = ${vehicleBindings.tenantId} and ${vehicleOwnerships.id} = ${vehicleBindings.ownershipId} and ${vehicleOwnerships.toDate} is not null)))`;

/** The same check for raw SQL, the binding aliased `b`; `tenant` is the statement's tenant parameter (e.g. `$1`). */
export const currentBindingSql = (tenant: string) =>
  `(b.status = 'confirmed' AND (b.ownership_id IS NULL OR NOT EXISTS (SELECT 1 FROM vehicle_ownerships vo WHERE vo.tenant_id = ${tenant} AND vo.tenant_id = b.tenant_id AND vo.id = b.ownership_id AND vo.to_date IS NOT NULL)))`;
