import type { Complaint, ComplaintEvent } from '@m4s/contracts';
import type { WorkCalendar } from '../../platform/time/work-calendar.ts';
import type { EventRow } from './cases.queries.ts';
import { deadlinesOf, stateOf } from './complaints.deadlines.ts';
import type * as q from './complaints.queries.ts';

const staffRef = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The case as every staff view shows it; deadlines with their state at `now` in the tenant's calendar. */
export const toComplaint = (row: q.ComplaintRow, cal: WorkCalendar, now: Date, photoIds: string[] = []): Complaint => {
  const { c } = row;
  const escalated = staffRef(c.escalatedTo, row.escalatedName);
  const handler = staffRef(c.handlerId, row.handlerName);
  const receivedBy = staffRef(c.receivedBy, row.receivedByName);
  return {
    id: c.id,
    customerId: c.customerId,
    vehicleId: c.vehicleId,
    plate: row.plate,
    storeId: c.storeId,
    category: c.category,
    channel: c.channel,
    severity: c.severity,
    summary: c.summary,
    status: c.status,
    receivedAt: c.receivedAt.toISOString(),
    receivedBy,
    closedAt: iso(c.closedAt),
    closedBy: staffRef(c.closedBy, row.closedByName),
    resolution: c.resolution,
    kind: c.kind,
    classification: c.classification,
    cause: c.cause,
    customerRequest: c.customerRequest,
    stage: c.stage,
    handler,
    handlerAcceptedAt: iso(c.handlerAcceptedAt),
    escalationLevel: c.escalationLevel,
    responsible: escalated ?? handler ?? receivedBy,
    deadlines: deadlinesOf(c).map((d) => ({
      kind: d.kind,
      due: d.due.toISOString(),
      metAt: iso(d.metAt),
      state: stateOf(cal, d, now),
    })),
    solution: c.solution,
    completionDate: c.completionDate,
    resolvedAt: iso(c.resolvedAt),
    satisfied: c.satisfied,
    reopenCount: c.reopenCount,
    adopted: c.adopted,
    oemReport: c.oemReport,
    oemReportSentAt: iso(c.oemReportSentAt),
    closingReport: c.closingReport,
    photoIds,
  };
};

export const toEvent = (r: EventRow): ComplaintEvent => ({
  id: r.e.id,
  at: r.e.at.toISOString(),
  kind: r.e.kind,
  actor: staffRef(r.e.actorId, r.actorName),
  byOwner: r.e.ownerId !== null,
  from: staffRef(r.e.fromId, r.fromName),
  to: staffRef(r.e.toId, r.toName),
  public: r.e.public,
  text: r.e.text,
  details: r.e.details,
});
