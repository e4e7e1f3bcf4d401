import { z } from 'zod';
import {
  complaint,
  complaintCategories,
  complaintDeadlineKinds,
  complaintKinds,
  complaintSeverities,
  complaintStages,
} from './complaints.ts';
import { visitPhotoMaxChars } from './visits.ts';

/**
 * The complaint case workflow (issue 15, docs/complaints.md): the actions of each stage, the case log, the
 * owner's view. Every action answers with the case as it now stands.
 */
const note = z.string().trim().max(2000);
const required = z.string().trim().min(1).max(2000);

export const complaintContact = z.object({ note: note.default('') });
export const complaintAssign = z.object({ handlerId: z.uuid(), note: note.default('') });
export const complaintTransfer = z.object({ toId: z.uuid(), reason: required });
export const complaintAnswer = z.object({ answer: required });
export const escalationReasons = ['authority', 'difficulty', 'deadline', 'repeated'] as const;
export const complaintEscalate = z.object({
  reason: z.enum(['authority', 'difficulty', 'repeated']),
  note: required,
});
export const complaintResolve = z.object({ solution: required, completionDate: z.iso.date() });
export const complaintFollowUp = z.object({ satisfied: z.boolean(), note: note.default('') });
export const complaintEvaluate = z.object({ adopted: z.boolean(), note: required });
export const complaintReopen = z.object({ customerWord: required });
export const complaintNote = z.object({ text: required, public: z.boolean().default(false) });
export const complaintDeadlineEdit = z.object({
  kind: z.enum(complaintDeadlineKinds),
  due: z.iso.datetime({ offset: true }),
  reason: required,
});
export const complaintOemReport = z.object({ text: z.string().trim().min(1).max(8000) });
const photo = z.string().min(1).max(visitPhotoMaxChars, { message: 'photo_size' });
export const complaintPhotoBody = z.object({ dataUrl: photo });
export const complaintPhotoParams = z.object({ id: z.uuid(), photoId: z.uuid() });

export const complaintEvent = z.object({
  id: z.uuid(),
  at: z.string(),
  kind: z.string(),
  actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  byOwner: z.boolean(),
  from: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  to: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  public: z.boolean(),
  text: z.string().nullable(),
  details: z.string().nullable(),
});
export type ComplaintEvent = z.infer<typeof complaintEvent>;

export const complaintImprovement = z.object({
  id: z.uuid(),
  what: z.string(),
  owner: z.object({ id: z.uuid(), name: z.string() }),
  due: z.string(),
  doneAt: z.string().nullable(),
});
export type ComplaintImprovement = z.infer<typeof complaintImprovement>;

export const complaintCase = z.object({
  complaint,
  customerName: z.string(),
  events: z.array(complaintEvent),
  improvements: z.array(complaintImprovement),
  /** What the acting staff member may do now (the console shows these buttons). */
  actions: z.array(z.string()),
});
export type ComplaintCase = z.infer<typeof complaintCase>;

export const complaintCaseQuery = z.object({
  /** open (default), mine (handler, first receiver or escalated to me), closed, all */
  view: z.enum(['open', 'mine', 'closed', 'all']).default('open'),
  kind: z.enum(complaintKinds).optional(),
});
export const complaintCaseRow = complaint.extend({ customerName: z.string() });
export const complaintCaseList = z.object({ items: z.array(complaintCaseRow) });
export type ComplaintCaseRow = z.infer<typeof complaintCaseRow>;

/** The draft of a major complaint's written report to the OEM, generated from the case. */
export const complaintOemDraft = z.object({ text: z.string() });

// The owner's side: own cases only, public updates only.
export const ownerComplaintInput = z.object({
  kind: z.enum(complaintKinds).default('complaint'),
  category: z.enum(complaintCategories),
  summary: z.string().trim().min(1).max(2000),
  customerRequest: z.string().trim().max(2000).nullable().default(null),
  vehicleId: z.uuid().nullable().default(null),
  /** Up to 6 photos, data URLs compressed by the app; re-encoded by the server. */
  photos: z.array(photo).max(6).default([]),
});
export type OwnerComplaintInput = z.input<typeof ownerComplaintInput>;
export const ownerComplaintInfo = z.object({
  text: z.string().trim().min(1).max(2000),
  photos: z.array(photo).max(6).default([]),
});
export const ownerComplaintFollowUp = z.object({ satisfied: z.boolean(), note: note.default('') });

export const ownerComplaint = z.object({
  id: z.uuid(),
  kind: z.enum(complaintKinds),
  category: z.enum(complaintCategories),
  severity: z.enum(complaintSeverities),
  stage: z.enum(complaintStages),
  summary: z.string(),
  customerRequest: z.string().nullable(),
  plate: z.string().nullable(),
  receivedAt: z.string(),
  /** The last update the owner may see (never an internal note). */
  lastUpdate: z.object({ at: z.string(), kind: z.string(), text: z.string().nullable() }).nullable(),
  solution: z.string().nullable(),
  adopted: z.boolean().nullable(),
  /** Waiting for the owner's word: satisfied or not. */
  awaitingFollowUp: z.boolean(),
  photoIds: z.array(z.uuid()),
});
export type OwnerComplaint = z.infer<typeof ownerComplaint>;
export const ownerComplaintList = z.object({ items: z.array(ownerComplaint) });
export const ownerComplaintDetail = ownerComplaint.extend({
  updates: z.array(z.object({ at: z.string(), kind: z.string(), text: z.string().nullable(), byOwner: z.boolean() })),
});
export type OwnerComplaintDetail = z.infer<typeof ownerComplaintDetail>;

export const complaintReportRow = z.object({ key: z.string(), label: z.string(), count: z.int(), score: z.number() });
export const complaintReport = z.object({
  open: z.object({ total: z.int(), running: z.int(), warning: z.int(), overdue: z.int() }),
  /** Per stage deadline: how many were met in time, how many late (or still overdue). */
  compliance: z.array(z.object({ kind: z.enum(complaintDeadlineKinds), met: z.int(), late: z.int() })),
  /** Category × cause ranked by frequency × intensity (severity weight). */
  causes: z.array(complaintReportRow),
  perHandler: z.array(complaintReportRow),
  perStore: z.array(complaintReportRow),
});
export type ComplaintReport = z.infer<typeof complaintReport>;
