import { z } from 'zod';
import { uuid } from './common.ts';
import { frequencyClasses, loyaltyGrades, rfmClasses, valueQuadrants } from './lifecycle.ts';
import { tierCode } from './loyalty.ts';

// Events and clubs (issue 16, What 5, docs/events.md): 爱车讲堂, 自驾游, 车友会, 服务节 — published in the
// owner app with capacity, sign-up and a waiting list, invitations through the contact gate, QR check-in by
// staff, and the textbook's campaign KPIs (seed-001 ch5-7 §4.5).

export const eventKinds = ['lecture', 'tour', 'club', 'festival', 'other'] as const;
export type EventKind = (typeof eventKinds)[number];
export const eventKindLabels: Record<EventKind, { 'zh-CN': string; en: string }> = {
  lecture: { 'zh-CN': '爱车讲堂', en: 'Car-care lecture' },
  tour: { 'zh-CN': '自驾游', en: 'Self-drive tour' },
  club: { 'zh-CN': '车友会', en: 'Owners’ club' },
  festival: { 'zh-CN': '服务节', en: 'Service festival' },
  other: { 'zh-CN': '其他活动', en: 'Other event' },
};

/** draft → published → closed (after it ended) or cancelled (owners signed up are told). */
export const eventStatuses = ['draft', 'published', 'closed', 'cancelled'] as const;
export type EventStatus = (typeof eventStatuses)[number];

/** A sign-up holds a seat (confirmed), waits for one (waiting, in order) or was given up (cancelled). */
export const signupStatuses = ['confirmed', 'waiting', 'cancelled'] as const;
export type SignupStatus = (typeof signupStatuses)[number];

/** The segment dimensions an audience may name, with the classes each has (contracts' lifecycle.ts). */
export const audienceSegments = {
  frequency: frequencyClasses,
  rfm: rfmClasses,
  loyalty: loyaltyGrades,
  value: valueQuadrants,
} as const;
export type AudienceDimension = keyof typeof audienceSegments;

/** Who the event is for: everyone, members of these tiers, or the customers of one segment class. */
export const eventAudience = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('tiers'), tiers: z.array(tierCode).min(1).max(10) }),
  z
    .strictObject({
      kind: z.literal('segment'),
      dimension: z.enum(['frequency', 'rfm', 'loyalty', 'value']),
      value: z.string().max(30),
    })
    .refine((a) => (audienceSegments[a.dimension] as readonly string[]).includes(a.value), {
      message: 'event_segment_value',
      path: ['value'],
    }),
]);
export type EventAudience = z.output<typeof eventAudience>;

const instant = z.iso.datetime({ offset: true });
const fen = z.number().int().min(0).max(1_000_000_000);

export const eventInput = z
  .strictObject({
    title: z.string().trim().min(1).max(60),
    kind: z.enum(eventKinds),
    description: z.string().trim().max(2000).default(''),
    /** null: the whole group's event. */
    storeId: uuid.nullable().default(null),
    startsAt: instant,
    endsAt: instant,
    place: z.string().trim().min(1).max(100),
    capacity: z.number().int().min(1).max(10_000),
    signupDeadline: instant,
    audience: eventAudience.default({ kind: 'all' }),
    /** What the event costs the dealer (venue, gifts…), for the margin KPI. */
    costFen: fen.default(0),
  })
  .superRefine((e, ctx) => {
    if (Date.parse(e.endsAt) <= Date.parse(e.startsAt))
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'event_ends_before_start' });
    if (Date.parse(e.signupDeadline) > Date.parse(e.startsAt))
      ctx.addIssue({ code: 'custom', path: ['signupDeadline'], message: 'event_deadline_after_start' });
  });
export type EventInput = z.input<typeof eventInput>;

export const eventCounts = z.object({
  confirmed: z.number(),
  waiting: z.number(),
  checkedIn: z.number(),
  invited: z.number(),
});

export const eventSummary = z.object({
  id: uuid,
  title: z.string(),
  kind: z.enum(eventKinds),
  description: z.string(),
  storeId: uuid.nullable(),
  storeName: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  capacity: z.number(),
  signupDeadline: z.string(),
  audience: eventAudience,
  costFen: z.number(),
  status: z.enum(eventStatuses),
  cancelReason: z.string().nullable(),
  counts: eventCounts,
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type EventSummary = z.output<typeof eventSummary>;

export const eventListQuery = z.strictObject({ status: z.enum(eventStatuses).optional() });

export const eventCancelBody = z.strictObject({ reason: z.string().trim().min(1).max(200) });

/** A sign-up as staff see it (names masked as the search masks them). */
export const eventSignup = z.object({
  id: uuid,
  customerId: uuid,
  customerName: z.string(),
  phoneMasked: z.string().nullable(),
  status: z.enum(signupStatuses),
  /** Place on the waiting list (1 = next), null when not waiting. */
  position: z.number().nullable(),
  invited: z.boolean(),
  signedUpAt: z.string(),
  checkedInAt: z.string().nullable(),
});
export type EventSignup = z.output<typeof eventSignup>;

export const inviteChannels = ['inbox', 'sms'] as const;
export const eventInviteBody = z.strictObject({
  channel: z.enum(inviteChannels).default('inbox'),
  /** Count who would be reached and who held back, and why; nothing is sent. */
  dryRun: z.boolean().default(false),
  /** These customers instead of the event's audience. */
  customerIds: z.array(uuid).min(1).max(5000).optional(),
});
export type EventInviteBody = z.input<typeof eventInviteBody>;

/** The gate's verdicts on an invitation: reached (sent now or after quiet hours), held back by reason. */
export const inviteResult = z.object({
  dryRun: z.boolean(),
  audience: z.number(),
  reached: z.number(),
  /** Already invited to this event: not asked again. */
  alreadyInvited: z.number(),
  heldBack: z.record(z.string(), z.number()),
});
export type InviteResult = z.output<typeof inviteResult>;

/** What the QR encodes: the ticket code with a prefix, so a scan of another QR is told apart. */
export const ticketPrefix = 'M4S-EVT:';
export const ticketCode = z
  .string()
  .trim()
  .transform((s) => (s.toUpperCase().startsWith(ticketPrefix) ? s.slice(ticketPrefix.length) : s).toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{10}$/, { message: 'event_ticket_format' }));
export const checkInBody = z.strictObject({ code: ticketCode });
export const checkInResult = z.object({
  signupId: uuid,
  customerName: z.string(),
  checkedInAt: z.string(),
  /** Loyalty points the check-in earned (0 when the programme gives none). */
  points: z.number(),
});

// ── KPIs: the textbook's definitions (seed-001 ch5-7 §4.5) are pure functions in campaign-kpis.ts ───────────

export const eventKpis = z.object({
  invited: z.number(),
  attended: z.number(),
  invitedAttended: z.number(),
  uninvitedAttended: z.number(),
  successRate: z.number().nullable(),
  uninvitedShare: z.number().nullable(),
  /** Attendees' paid repair orders from the event's start to `windowDays` after its end. */
  windowDays: z.number(),
  revenueFen: z.number(),
  costFen: z.number(),
  revenueCustomers: z.number(),
  revenuePerVehicleFen: z.number().nullable(),
  margin: z.number().nullable(),
  satisfaction: z.object({
    invited: z.number(),
    answered: z.number(),
    /** Mean of the overall question's score (0–100), null before any answer. */
    averageScore: z.number().nullable(),
    /** 满意 or 非常满意 among the answers (%). */
    satisfiedShare: z.number().nullable(),
  }),
});
export type EventKpis = z.output<typeof eventKpis>;

export const eventKpiQuery = z.strictObject({ windowDays: z.coerce.number().int().min(0).max(365).default(30) });

export const eventDetail = eventSummary.extend({ kpis: eventKpis });
export type EventDetail = z.output<typeof eventDetail>;

// ── The owner app ────────────────────────────────────────────────────────────────────────────────────

export const ownerSignup = z.object({
  id: uuid,
  status: z.enum(signupStatuses),
  position: z.number().nullable(),
  /** The QR's code (shown under it too); null unless the seat is confirmed. */
  ticketCode: z.string().nullable(),
  checkedInAt: z.string().nullable(),
});

export const ownerEvent = z.object({
  id: uuid,
  title: z.string(),
  kind: z.enum(eventKinds),
  description: z.string(),
  storeName: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  capacity: z.number(),
  seatsLeft: z.number(),
  signupDeadline: z.string(),
  status: z.enum(eventStatuses),
  cancelReason: z.string().nullable(),
  /** Sign-up is open: published, before the deadline. */
  open: z.boolean(),
  mine: ownerSignup.nullable(),
});
export type OwnerEvent = z.output<typeof ownerEvent>;

/** Today's events at the staff member's reach, for 活动签到. */
export const checkInEvent = z.object({
  id: uuid,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  confirmed: z.number(),
  checkedIn: z.number(),
});
