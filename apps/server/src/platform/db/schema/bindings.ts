import { sql } from 'drizzle-orm';
import { foreignKey, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bindingStatuses } from '@m4s/contracts';
import { owners, staff } from './people.ts';
import { tenantKeyColumns, tenantTableRules } from './tenancy.ts';
import { vehicleOwnerships, vehicles } from './vehicles.ts';

/**
 * An owner-app account's claim on a car (VIN's last six + plate), confirmed or rejected by the store.
 * Only a current binding (confirmed, under the car's open ownership) lets the owner see the car and its
 * service history; a change of owner ends it (status 'ended').
 */
export const vehicleBindings = pgTable(
  'vehicle_bindings',
  {
    ...tenantKeyColumns(),
    ownerId: uuid('owner_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    status: text('status', { enum: bindingStatuses }).notNull().default('pending'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reason: text('reason'),
    /**
     * The car's ownership (vehicle_ownerships) the binding was confirmed under: the binding is current only
     * while that ownership is open (garage.queries bindingIsCurrent). Null for bindings written before it
     * was recorded (seeds, older rows the migration could not place).
     */
    ownershipId: uuid('ownership_id'),
    /** When a change of owner ended the binding (status 'ended'); the row stays as history. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    ...tenantTableRules(t, 'vehicle_bindings'),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [owners.tenantId, owners.id] }),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    foreignKey({ columns: [t.tenantId, t.decidedBy], foreignColumns: [staff.tenantId, staff.id] }),
    // Migration 0041 (the default name would pass PostgreSQL's 63 characters).
    foreignKey({
      name: 'vehicle_bindings_ownership_fk',
      columns: [t.tenantId, t.ownershipId],
      foreignColumns: [vehicleOwnerships.tenantId, vehicleOwnerships.id],
    }),
    // One live claim per owner and car; a rejected or ended one may be asked again.
    uniqueIndex('vehicle_bindings_live_key')
      .on(t.tenantId, t.ownerId, t.vehicleId)
      .where(sql`status IN ('pending', 'confirmed')`),
    index('vehicle_bindings_status_idx').on(t.tenantId, t.status, t.requestedAt),
    // The contact gate finds a customer's app account through the confirmed bindings of their cars.
    index('vehicle_bindings_confirmed_idx')
      .on(t.tenantId, t.vehicleId)
      .where(sql`status = 'confirmed'`),
  ],
).enableRLS();
