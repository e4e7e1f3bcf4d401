import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { customers } from './customers.ts';
import { owners, staff } from './people.ts';
import { tenantPolicy } from './tenant-table.ts';
import { stamp, stores, tenantKeyColumns, tenantTableRules, tenants } from './tenancy.ts';
import { vehicles } from './vehicles.ts';

type Answers = Record<string, string | number | null>;

/**
 * 服务项目 (docs/services.md): a service of the catalogue switched on for a store, with the store settings it
 * needs (its rescue line…). No row: off. The catalogue itself is code (modules/services/catalogue/).
 */
export const serviceSettings = pgTable(
  'service_settings',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    storeId: uuid('store_id').notNull(),
    serviceId: text('service_id').notNull(),
    enabled: boolean('enabled').notNull().default(false),
    settings: jsonb('settings').$type<Record<string, string>>().notNull().default({}),
    updatedBy: uuid('updated_by'),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.storeId, t.serviceId] }),
    tenantPolicy('service_settings'),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.updatedBy], foreignColumns: [staff.tenantId, staff.id] }),
  ],
).enableRLS();

/**
 * An owner's request of one service: a case in the queue of the role the manifest names, in the store the owner
 * chose. The phone's position is kept only for a service whose form asks for it, and only with the owner's
 * consent (`location_consent_at`); the photo is the server's own re-encoding (no EXIF position).
 */
export const serviceRequests = pgTable(
  'service_requests',
  {
    ...tenantKeyColumns(),
    storeId: uuid('store_id').notNull(),
    serviceId: text('service_id').notNull(),
    /** The app account that asked (set to NULL when the person is erased). */
    ownerId: uuid('owner_id'),
    customerId: uuid('customer_id'),
    vehicleId: uuid('vehicle_id'),
    handlerRole: text('handler_role').notNull(),
    priority: integer('priority').notNull(),
    status: text('status').notNull(),
    answers: jsonb('answers').$type<Answers>().notNull().default({}),
    locationLat: doublePrecision('location_lat'),
    locationLng: doublePrecision('location_lng'),
    locationAccuracy: doublePrecision('location_accuracy'),
    locationConsentAt: stamp('location_consent_at'),
    photo: text('photo'),
    /** What staff recorded on the latest step (driver's name, ETA). */
    current: jsonb('current').$type<Answers>().notNull().default({}),
    dueAt: stamp('due_at').notNull(),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
    closedAt: stamp('closed_at'),
  },
  (t) => [
    ...tenantTableRules(t, 'service_requests'),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [owners.tenantId, owners.id] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    index('service_requests_queue_idx')
      .on(t.tenantId, t.storeId, t.priority, t.dueAt)
      .where(sql`closed_at IS NULL`),
    index('service_requests_owner_idx').on(t.tenantId, t.ownerId, t.createdAt),
    index('service_requests_customer_idx').on(t.tenantId, t.customerId),
  ],
).enableRLS();

/** Every step of a request, as the owner's timeline shows it. */
export const serviceRequestEvents = pgTable(
  'service_request_events',
  {
    ...tenantKeyColumns(),
    requestId: uuid('request_id').notNull(),
    at: stamp('at').notNull(),
    status: text('status').notNull(),
    actorId: uuid('actor_id'),
    details: jsonb('details').$type<Answers>().notNull().default({}),
  },
  (t) => [
    ...tenantTableRules(t, 'service_request_events'),
    foreignKey({
      columns: [t.tenantId, t.requestId],
      foreignColumns: [serviceRequests.tenantId, serviceRequests.id],
    }),
    foreignKey({ columns: [t.tenantId, t.actorId], foreignColumns: [staff.tenantId, staff.id] }),
    index('service_request_events_request_idx').on(t.tenantId, t.requestId, t.at),
  ],
).enableRLS();
