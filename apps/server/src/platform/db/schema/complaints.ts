import { foreignKey, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { complaintCategories, complaintChannels, complaintSeverities, complaintStatuses } from '@m4s/contracts';
import { customers } from './customers.ts';
import { staff } from './people.ts';
import { stamp, stores, tenantKeyColumns, tenantTableRules } from './tenancy.ts';
import { vehicles } from './vehicles.ts';

/**
 * A customer's complaint (投诉), from any channel, open until someone closes it with a resolution. While
 * one is open the contact gate holds back care and marketing touches (modules/contact, `open_complaint`).
 */
export const complaints = pgTable(
  'complaints',
  {
    ...tenantKeyColumns(),
    customerId: uuid('customer_id').notNull(),
    vehicleId: uuid('vehicle_id'),
    storeId: uuid('store_id'),
    category: text('category', { enum: complaintCategories }).notNull(),
    channel: text('channel', { enum: complaintChannels }).notNull(),
    severity: text('severity', { enum: complaintSeverities }).notNull(),
    summary: text('summary').notNull(),
    status: text('status', { enum: complaintStatuses }).notNull().default('open'),
    receivedAt: stamp('received_at').notNull(),
    receivedBy: uuid('received_by'),
    closedAt: stamp('closed_at'),
    closedBy: uuid('closed_by'),
    resolution: text('resolution'),
  },
  (t) => [
    ...tenantTableRules(t, 'complaints'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.receivedBy], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.closedBy], foreignColumns: [staff.tenantId, staff.id] }),
    index('complaints_customer_idx').on(t.tenantId, t.customerId, t.status),
  ],
).enableRLS();
