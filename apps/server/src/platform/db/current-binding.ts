import { sql } from 'drizzle-orm';
import { vehicleBindings, vehicleOwnerships } from './schema/index.ts';

/**
 * A binding is current while it is confirmed and the ownership it was confirmed under is still open: a
 * change of owner ends it (vehicles.transferVehicle → endBindingsOfCar), and this check keeps a binding
 * that was not ended (an older release, a change of owner by import) from showing the new owner's car,
 * visits or notices. Every owner-app read and every "who hears about this car" goes through it (the raw
 * SQL of contact and telematics repeats it as currentBindingSql).
 */
export const bindingIsCurrent = sql<boolean>`(${vehicleBindings.status} = 'confirmed' and (${vehicleBindings.ownershipId} is null or not exists (select 1 from ${vehicleOwnerships} where ${vehicleOwnerships.tenantId} = ${vehicleBindings.tenantId} and ${vehicleOwnerships.id} = ${vehicleBindings.ownershipId} and ${vehicleOwnerships.toDate} is not null)))`;

/** The same check for raw SQL, the binding aliased `b`. */
export const currentBindingSql = `(b.status = 'confirmed' AND (b.ownership_id IS NULL OR NOT EXISTS (SELECT 1 FROM vehicle_ownerships vo WHERE vo.tenant_id = b.tenant_id AND vo.id = b.ownership_id AND vo.to_date IS NOT NULL)))`;
