import {
  complaintClose,
  complaintInput,
  type Complaint,
  type ComplaintClose,
  type ComplaintInput,
} from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { holdsPersonalData } from '../customers/customers.privacy.ts';
import { getCustomerRow } from '../customers/customers.service.ts';
import * as q from './complaints.queries.ts';

const staffRef = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

const toComplaint = ({ c, plate, receivedByName, closedByName }: q.ComplaintRow): Complaint => ({
  id: c.id,
  customerId: c.customerId,
  vehicleId: c.vehicleId,
  plate,
  storeId: c.storeId,
  category: c.category,
  channel: c.channel,
  severity: c.severity,
  summary: c.summary,
  status: c.status,
  receivedAt: c.receivedAt.toISOString(),
  receivedBy: staffRef(c.receivedBy, receivedByName),
  closedAt: c.closedAt?.toISOString() ?? null,
  closedBy: staffRef(c.closedBy, closedByName),
  resolution: c.resolution,
});

const loadComplaint = async (ctx: StaffCtx, id: string) => {
  const row = await q.findComplaint(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

/** For the PIPL export: every complaint of the customer, unmasked (the caller has checked its permission). */
export const complaintsForExport = async (ctx: StaffCtx, customerId: string): Promise<Complaint[]> =>
  (await q.complaintsOfCustomer(ctx.db, ctx.tenantId, customerId)).map(toComplaint);

// A customer's complaints go into their PIPL export; erasure keeps the record without what the person said.
holdsPersonalData({
  key: 'complaints',
  exportOf: complaintsForExport,
  erase: (ctx, customerId) => q.blankComplaintsOf(ctx.db, ctx.tenantId, customerId),
});

/** The customer's complaints, newest first; a customer outside the actor's scope is refused as in the 360 view. */
export const listComplaints = async (ctx: StaffCtx, customerId: string): Promise<Complaint[]> => {
  authorize(ctx.actor, 'customer.read');
  await getCustomerRow(ctx, customerId);
  return complaintsForExport(ctx, customerId);
};

/**
 * Registers a complaint. Whoever takes it is its receiver of record (首问负责制), in their store; while it
 * is open the contact gate holds back care and marketing touches to the customer (`open_complaint`).
 */
export const openComplaint = async (ctx: StaffCtx, customerId: string, input: ComplaintInput): Promise<Complaint> => {
  authorize(ctx.actor, 'customer.write');
  await getCustomerRow(ctx, customerId);
  const data = complaintInput.parse(input);
  if (data.vehicleId && !(await q.customerOwnsVehicle(ctx.db, ctx.tenantId, customerId, data.vehicleId)))
    throw AppError.field('vehicleId', 'complaint_vehicle_not_customers');
  const id = await q.insertComplaint(ctx.db, {
    tenantId: ctx.tenantId,
    customerId,
    vehicleId: data.vehicleId,
    storeId: ctx.storeId,
    category: data.category,
    channel: data.channel,
    severity: data.severity,
    summary: data.summary,
    status: 'open',
    receivedAt: ctx.clock.now(),
    receivedBy: ctx.actor.id,
  });
  // What the customer said stays out of the audit log, which erasure does not touch.
  await audit(ctx, {
    action: 'complaint.opened',
    target: { type: 'complaint', id },
    details: { customerId, category: data.category, channel: data.channel, severity: data.severity },
  });
  return toComplaint(await loadComplaint(ctx, id));
};

/** Closes an open complaint with its resolution; the gate lets care and marketing through again. */
export const closeComplaint = async (ctx: StaffCtx, id: string, input: ComplaintClose): Promise<Complaint> => {
  authorize(ctx.actor, 'customer.write');
  const row = await loadComplaint(ctx, id);
  await getCustomerRow(ctx, row.c.customerId);
  const { resolution } = complaintClose.parse(input);
  const closed =
    row.c.status === 'open' &&
    (await q.closeComplaint(ctx.db, ctx.tenantId, id, {
      closedAt: ctx.clock.now(),
      closedBy: ctx.actor.id,
      resolution,
    }));
  if (!closed) throw new AppError('CONFLICT', undefined, { issues: [{ path: 'status', message: 'complaint_closed' }] });
  await audit(ctx, {
    action: 'complaint.closed',
    target: { type: 'complaint', id },
    details: { customerId: row.c.customerId },
  });
  return toComplaint(await loadComplaint(ctx, id));
};
