import { doublePrecision, foreignKey, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { owners, staff } from './people.ts';
import { stamp, tenantKeyColumns, tenantTableRules } from './tenancy.ts';
import { vehicles } from './vehicles.ts';

/**
 * A telematics / OBD provider's integration (docs/telematics.md): its API key is answered once at creation
 * and kept only as a SHA-256 hash (`key_hash`, looked up under the tenant named by the key); `key_prefix`
 * is what the admin console shows to tell keys apart. A revoked integration's key is refused (401).
 */
export const telematicsIntegrations = pgTable(
  'telematics_integrations',
  {
    ...tenantKeyColumns(),
    name: text('name').notNull(),
    provider: text('provider').notNull(),
    keyPrefix: text('key_prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdBy: uuid('created_by'),
    createdAt: stamp('created_at').notNull(),
    revokedAt: stamp('revoked_at'),
    revokedBy: uuid('revoked_by'),
    lastUsedAt: stamp('last_used_at'),
  },
  (t) => [
    ...tenantTableRules(t, 'telematics_integrations'),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.revokedBy], foreignColumns: [staff.tenantId, staff.id] }),
    uniqueIndex('telematics_integrations_key_idx').on(t.tenantId, t.keyHash),
  ],
).enableRLS();

/**
 * An owner's consent to share a car's readings, given and revoked in the owner app (audited). One open
 * consent per account and car; a revoked one stays as its record. It counts while the account's binding to
 * the car is confirmed.
 */
export const telematicsConsents = pgTable(
  'telematics_consents',
  {
    ...tenantKeyColumns(),
    vehicleId: uuid('vehicle_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    givenAt: stamp('given_at').notNull(),
    revokedAt: stamp('revoked_at'),
  },
  (t) => [
    ...tenantTableRules(t, 'telematics_consents'),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [owners.tenantId, owners.id] }),
    uniqueIndex('telematics_consents_open_idx')
      .on(t.tenantId, t.vehicleId, t.ownerId)
      .where(sql`revoked_at IS NULL`),
    index('telematics_consents_owner_idx').on(t.tenantId, t.ownerId),
  ],
).enableRLS();

/**
 * The readings taken, one per (integration, the provider's reading id): a second send is a duplicate. The
 * odometer also joins mileage_readings (source 'telematics') when it passes the one mileage check.
 */
export const telematicsReadings = pgTable(
  'telematics_readings',
  {
    ...tenantKeyColumns(),
    integrationId: uuid('integration_id').notNull(),
    readingId: text('reading_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    readAt: stamp('read_at').notNull(),
    receivedAt: stamp('received_at').notNull(),
    odometerKm: integer('odometer_km'),
    faultCodes: text('fault_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    batteryVoltage: doublePrecision('battery_voltage'),
    fuelPct: doublePrecision('fuel_pct'),
    chargePct: doublePrecision('charge_pct'),
  },
  (t) => [
    ...tenantTableRules(t, 'telematics_readings'),
    foreignKey({
      columns: [t.tenantId, t.integrationId],
      foreignColumns: [telematicsIntegrations.tenantId, telematicsIntegrations.id],
    }),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    uniqueIndex('telematics_readings_reading_idx').on(t.tenantId, t.integrationId, t.readingId),
    index('telematics_readings_vehicle_idx').on(t.tenantId, t.vehicleId, t.readAt),
  ],
).enableRLS();

/**
 * A condition a rule raised for a car (`battery_low`, `fault:P0300`) and when: the same condition is not
 * raised again within the rule's window (docs/telematics.md).
 */
export const telematicsAlerts = pgTable(
  'telematics_alerts',
  {
    ...tenantKeyColumns(),
    vehicleId: uuid('vehicle_id').notNull(),
    condition: text('condition').notNull(),
    raisedAt: stamp('raised_at').notNull(),
    readingId: text('reading_id').notNull(),
    /** The gate's decision on the touch it made (sent, deferred, suppressed). */
    decision: text('decision').notNull(),
    reason: text('reason'),
  },
  (t) => [
    ...tenantTableRules(t, 'telematics_alerts'),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    index('telematics_alerts_vehicle_idx').on(t.tenantId, t.vehicleId, t.condition, t.raisedAt),
  ],
).enableRLS();
