import { sql } from 'drizzle-orm';
import { foreignKey, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bindingStatuses } from '@m4s/contracts';
import { owners, staff } from './people.ts';
import { tenantKeyColumns, tenantTableRules } from './tenancy.ts';
import { vehicles } from './vehicles.ts';

/**
 * An owner-app account's claim on a car (VIN's last six + plate), confirmed or rejected by the store.
 * Only a confirmed binding lets the owner see the car and its service history.
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
  },
  (t) => [
    ...tenantTableRules(t, 'vehicle_bindings'),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [owners.tenantId, owners.id] }),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    foreignKey({ columns: [t.tenantId, t.decidedBy], foreignColumns: [staff.tenantId, staff.id] }),
    // One live claim per owner and car; a rejected one may be asked again.
    uniqueIndex('vehicle_bindings_live_key')
      .on(t.tenantId, t.ownerId, t.vehicleId)
      .where(sql`status <> 'rejected'`),
    index('vehicle_bindings_status_idx').on(t.tenantId, t.status, t.requestedAt),
    // The contact gate finds a customer's app account through the confirmed bindings of their cars.
    index('vehicle_bindings_confirmed_idx')
      .on(t.tenantId, t.vehicleId)
      .where(sql`status = 'confirmed'`),
  ],
).enableRLS();
