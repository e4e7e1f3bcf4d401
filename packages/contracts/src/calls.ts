// The follow-up call centre (issue 14, seed 001 ch3-4 §2.4): queues over the call care tasks, the outcome
// of each attempt as a state machine, the tenant's tunings. docs/calls.md.
import { z } from 'zod';
import { careRuleKeys } from './care.ts';
import { followUpSlots } from './customers.ts';

/**
 * Where a call stands. Open (in a queue): scheduled (as made), retry (no answer: tried again the next day),
 * rescheduled (the owner was not there or it was not convenient: the agreed time). Closed: completed,
 * unreachable (no answer as many times as the tenant allows), bad_number (wrong, disconnected or empty
 * number: handed to sales and after-sales to fix), refused (the follow-up topic is then opted out),
 * expired (left in the queue past its window), cancelled (the task was cancelled: erasure).
 */
export const callStates = [
  'scheduled',
  'retry',
  'rescheduled',
  'completed',
  'unreachable',
  'bad_number',
  'refused',
  'expired',
  'cancelled',
] as const;
export type CallState = (typeof callStates)[number];
export const openCallStates: readonly CallState[] = ['scheduled', 'retry', 'rescheduled'];

/** What one attempt came to (ch3-4 §2.4). */
export const callOutcomes = [
  'no_answer',
  'wrong_number',
  'disconnected',
  'empty_number',
  'non_owner',
  'not_convenient',
  'refused',
  'completed',
] as const;
export type CallOutcome = (typeof callOutcomes)[number];
/** The outcomes that flag the number dialled and hand the customer's record to sales and after-sales. */
export const phoneFlags = ['wrong_number', 'disconnected', 'empty_number'] as const;
export type PhoneFlag = (typeof phoneFlags)[number];
export const isPhoneFlag = (o: CallOutcome): o is PhoneFlag => (phoneFlags as readonly string[]).includes(o);

/** Task kinds: a follow-up call; a call back on something the customer raised; fixing a customer's number; the
 * call days after a hot alert was closed asking whether it was resolved (docs/recovery.md). */
export const careTaskKinds = ['call', 'callback', 'data_fix', 'recovery_followup'] as const;
export type CareTaskKind = (typeof careTaskKinds)[number];

/** Why a call left the queue unworked (the nightly expiry). */
export const callExpiryReasons = ['never_attempted', 'not_reached'] as const;

/** The tenant's tunings of the call centre. */
export const callPolicy = z.strictObject({
  /** Days a call stays in the queue after it first fell due, then it expires (the nightly step). */
  queueDays: z.number().int().min(1).max(90).default(15),
  /** No-answer attempts before a call is closed as unreachable (each retried the next day). */
  noAnswerAttempts: z.number().int().min(1).max(10).default(3),
  /** Calls an agent is meant to make a day (ch3-4 §5: ≥ 50 successful short follow-ups). */
  dailyLoad: z.number().int().min(1).max(500).default(50),
});
export type CallPolicy = z.infer<typeof callPolicy>;
export const defaultCallPolicy: CallPolicy = { queueDays: 15, noAnswerAttempts: 3, dailyLoad: 50 };

const instant = z.iso.datetime({ offset: true });

/** A call in a queue: who, which car, when, where it stands, and whether now suits the customer. */
export const callItem = z.object({
  id: z.uuid(),
  kind: z.enum(careTaskKinds),
  customerId: z.uuid(),
  customerName: z.string(),
  /** In full: the agent dials it. */
  phone: z.string().nullable(),
  /** Set when a call found the number wrong, disconnected or empty. */
  phoneFlag: z.enum(phoneFlags).nullable(),
  vehicleId: z.uuid().nullable(),
  plate: z.string().nullable(),
  storeId: z.uuid().nullable(),
  ruleKey: z.enum(careRuleKeys).nullable(),
  role: z.string(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  title: z.string(),
  script: z.string(),
  dueAt: z.string(),
  state: z.enum(callStates),
  attempts: z.number().int(),
  preferredSlot: z.enum(followUpSlots).nullable(),
  quietStart: z.string().nullable(),
  quietEnd: z.string().nullable(),
  /** Due before now (the agent is behind). */
  late: z.boolean(),
  /** When it leaves the queue unworked. */
  expiresAt: z.string(),
});
export type CallItem = z.infer<typeof callItem>;

export const callQueueQuery = z.object({
  scope: z.enum(['mine', 'store']).default('mine'),
  /** today: due by the end of today (late ones first); all: every open call. */
  when: z.enum(['today', 'all']).default('today'),
  /** Only late calls (the supervisor's view of what is behind). */
  late: z.enum(['true', 'false']).default('false'),
  /** The store (a group role picks one; others see their own). */
  storeId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export const callPageSize = 50;

/** One agent's day. */
export const agentLoad = z.object({
  staffId: z.uuid().nullable(),
  name: z.string().nullable(),
  role: z.string(),
  /**
   * Open calls due by the end of today: assigned to them (the store view; a pool row: the role's unassigned
   * calls), or in their queue — theirs and their role's pool — for their own day (mine).
   */
  dueToday: z.number().int(),
  late: z.number().int(),
  attemptsToday: z.number().int(),
  completedToday: z.number().int(),
  target: z.number().int(),
});
export type AgentLoad = z.infer<typeof agentLoad>;

export const callQueue = z.object({
  items: z.array(callItem),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Calls matching the filter (every page). */
  total: z.number().int(),
  /** The actor's own day (mine), or every agent's and each role's unassigned pool (store). */
  loads: z.array(agentLoad),
});
export type CallQueue = z.infer<typeof callQueue>;

/** A call and every attempt made on it. */
export const callAttempt = z.object({
  seq: z.number().int(),
  outcome: z.enum(callOutcomes),
  stateBefore: z.enum(callStates),
  stateAfter: z.enum(callStates),
  agentId: z.uuid().nullable(),
  agentName: z.string().nullable(),
  at: z.string(),
  callbackAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type CallAttempt = z.infer<typeof callAttempt>;
export const callDetail = z.object({ call: callItem, attempts: z.array(callAttempt) });
export type CallDetail = z.infer<typeof callDetail>;

const note = z.string().trim().max(1000).optional();
const issue = z.strictObject({
  /** What the customer raised, in their words. */
  summary: z.string().trim().min(1).max(500),
  /** The named person who deals with it (an active colleague who works care tasks). */
  assigneeId: z.uuid(),
  /** When they call the customer back (agreed on the call). */
  callbackAt: instant,
});

/** The call completed: anything the customer raised, each handed to a named person with a callback time. */
export const completedOutcome = z.strictObject({
  outcome: z.literal('completed'),
  attempts: z.number().int().min(0),
  /** Anything the customer raised, each handed to a named person with a callback time. */
  issues: z.array(issue).max(10).default([]),
  preferredSlot: z.enum(followUpSlots).optional(),
  note,
});

/**
 * One attempt's outcome. `attempts` is the count the agent's screen showed: if another agent recorded an
 * outcome meanwhile it no longer matches and the request is refused (409) rather than applied twice.
 */
export const callOutcomeInput = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('no_answer'), attempts: z.number().int().min(0), note }),
  z.strictObject({ outcome: z.literal('wrong_number'), attempts: z.number().int().min(0), note }),
  z.strictObject({ outcome: z.literal('disconnected'), attempts: z.number().int().min(0), note }),
  z.strictObject({ outcome: z.literal('empty_number'), attempts: z.number().int().min(0), note }),
  /** Someone else answered: when is the owner free (the call is rescheduled to it). */
  z.strictObject({
    outcome: z.literal('non_owner'),
    attempts: z.number().int().min(0),
    callbackAt: instant,
    note,
  }),
  /** Not convenient now: the agreed time (rescheduled, never cancelled); a new preferred slot if they said. */
  z.strictObject({
    outcome: z.literal('not_convenient'),
    attempts: z.number().int().min(0),
    callbackAt: instant,
    preferredSlot: z.enum(followUpSlots).optional(),
    note,
  }),
  z.strictObject({ outcome: z.literal('refused'), attempts: z.number().int().min(0), note }),
  completedOutcome,
]);
export type CallOutcomeInput = z.infer<typeof callOutcomeInput>;

/** A call made by hand: for a customer (and car), its script from a care template when one is named. */
export const callCreateInput = z.strictObject({
  customerId: z.uuid(),
  vehicleId: z.uuid().nullable().default(null),
  /** The care rule whose call template gives the title and script (its variables filled in). */
  template: z.enum(careRuleKeys).nullable().default(null),
  title: z.string().trim().min(1).max(100).optional(),
  /** Default: now (placed in the customer's slot outside their quiet hours). */
  dueAt: instant.optional(),
  /** Default: the actor. */
  assigneeId: z.uuid().optional(),
});
export type CallCreateInput = z.infer<typeof callCreateInput>;

export const callReassignInput = z.strictObject({
  taskIds: z.array(z.uuid()).min(1).max(callPageSize),
  assigneeId: z.uuid(),
});
export const callReassigned = z.object({ moved: z.number().int() });
