import { complaintInput, type Complaint, type ComplaintCase, type ComplaintInput } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { WorkCalendar } from '../../platform/time/work-calendar.ts';
import { getCustomerRow } from '../customers/customers.service.ts';
import * as cq from './cases.queries.ts';
import { answerDue, calendarFor, evaluationDue, firstContactDue, oemReportDue } from './complaints.deadlines.ts';
import { scheduleDeadlines } from './complaints.escalation.ts';
import * as q from './complaints.queries.ts';
import { toComplaint, toEvent } from './complaints.view.ts';
import { actionsFor } from './complaints.rules.ts';

export const loadComplaint = async (ctx: Pick<Ctx, 'db' | 'tenantId'>, id: string) => {
  const row = await q.findComplaint(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

/** For the PIPL export: every complaint of the customer, unmasked (the caller has checked its permission). */
export const complaintsForExport = async (ctx: StaffCtx, customerId: string): Promise<Complaint[]> => {
  const cal = await calendarFor(ctx, ctx.clock.now());
  const rows = await q.complaintsOfCustomer(ctx.db, ctx.tenantId, customerId);
  const out: Complaint[] = [];
  for (const r of rows)
    out.push(toComplaint(r, cal, ctx.clock.now(), await cq.photoIdsOf(ctx.db, ctx.tenantId, r.c.id)));
  return out;
};

/** The customer's complaints, newest first; a customer outside the actor's scope is refused as in the 360 view. */
export const listComplaints = async (ctx: StaffCtx, customerId: string): Promise<Complaint[]> => {
  authorize(ctx.actor, 'customer.read');
  await getCustomerRow(ctx, customerId);
  return complaintsForExport(ctx, customerId);
};

export type NewCase = {
  customerId: string;
  storeId: string | null;
  receivedBy: string | null;
  ownerId: string | null;
  data: ReturnType<typeof complaintInput.parse>;
};

/**
 * Writes a new case with its deadlines (in the tenant's business calendar) and queues their jobs; the
 * receiver (a staff member, or nobody when the owner filed it in the app) is its first-contact owner.
 */
export const createCase = async (ctx: Ctx, input: NewCase): Promise<{ id: string; cal: WorkCalendar }> => {
  const { data } = input;
  if (data.vehicleId && !(await q.customerOwnsVehicle(ctx.db, ctx.tenantId, input.customerId, data.vehicleId)))
    throw AppError.field('vehicleId', 'complaint_vehicle_not_customers');
  const now = ctx.clock.now();
  const cal = await calendarFor(ctx, now);
  const suggestion = data.kind === 'suggestion';
  const id = await q.insertComplaint(ctx.db, {
    tenantId: ctx.tenantId,
    customerId: input.customerId,
    vehicleId: data.vehicleId,
    storeId: input.storeId,
    category: data.category,
    channel: data.channel,
    severity: suggestion ? 'normal' : data.severity,
    summary: data.summary,
    status: 'open',
    receivedAt: now,
    receivedBy: input.receivedBy,
    kind: data.kind,
    classification: data.classification,
    cause: data.cause,
    customerRequest: data.customerRequest || null,
    stage: 'received',
    firstContactDue: firstContactDue(cal, now),
    answerDue: suggestion ? null : answerDue(cal, now),
    evaluationDue: suggestion ? evaluationDue(cal, now) : null,
    oemReportDue: !suggestion && data.severity === 'major' ? oemReportDue(cal, now) : null,
  });
  await cq.addEvent(ctx.db, {
    tenantId: ctx.tenantId,
    complaintId: id,
    at: now,
    kind: 'received',
    actorId: input.receivedBy,
    ownerId: input.ownerId,
    public: true,
    text: null,
  });
  const row = await loadComplaint(ctx, id);
  await scheduleDeadlines(ctx, row.c, cal);
  return { id, cal };
};

/**
 * Registers a complaint (or a suggestion). Whoever takes it is its receiver of record (首问负责制), in their
 * store; while a complaint is open the contact gate holds back care and marketing touches to the customer
 * (`open_complaint`). Issue 14's hot alerts call this too: its name and parameters stay as they are.
 */
export const openComplaint = async (ctx: StaffCtx, customerId: string, input: ComplaintInput): Promise<Complaint> => {
  authorize(ctx.actor, 'customer.write');
  await getCustomerRow(ctx, customerId);
  const data = complaintInput.parse(input);
  const { id, cal } = await createCase(ctx, {
    customerId,
    storeId: ctx.storeId,
    receivedBy: ctx.actor.id,
    ownerId: null,
    data,
  });
  // What the customer said stays out of the audit log, which erasure does not touch.
  await audit(ctx, {
    action: 'complaint.opened',
    target: { type: 'complaint', id },
    details: { customerId, category: data.category, channel: data.channel, severity: data.severity },
  });
  return toComplaint(await loadComplaint(ctx, id), cal, ctx.clock.now());
};

/** The case page: the record, its log, its improvement items and what the reader may do now. */
export const getCase = async (ctx: StaffCtx, id: string): Promise<ComplaintCase> => {
  authorize(ctx.actor, 'customer.read');
  const row = await loadComplaint(ctx, id);
  await getCustomerRow(ctx, row.c.customerId);
  const cal = await calendarFor(ctx, ctx.clock.now());
  const events = await cq.eventsOf(ctx.db, ctx.tenantId, id);
  const improvements = await cq.improvementsOf(ctx.db, ctx.tenantId, id);
  const photoIds = await cq.photoIdsOf(ctx.db, ctx.tenantId, id);
  return {
    complaint: toComplaint(row, cal, ctx.clock.now(), photoIds),
    customerName: row.customerName,
    events: events.map(toEvent),
    improvements: improvements.map((r) => ({
      id: r.i.id,
      what: r.i.what,
      owner: { id: r.i.ownerId, name: r.ownerName },
      due: r.i.due,
      doneAt: r.i.doneAt?.toISOString() ?? null,
    })),
    actions: actionsFor(row.c, ctx.actor),
  };
};
