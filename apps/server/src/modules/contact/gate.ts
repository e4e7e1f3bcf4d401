import {
  careRuleKeys,
  suppressionReasons,
  touchChannels,
  touchDecisions,
  touchKinds,
  type CareRuleKey,
  type ContactTopic,
  type SuppressionReason,
  type TouchChannel,
  type TouchDecision,
  type TouchKind,
  type TouchSource,
} from '@m4s/contracts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { col, maybeRow, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';
import { deliverToInbox } from '../../platform/notify/inbox-delivery.ts';
import { enqueueSends, transactionalPriority } from '../../platform/notify/outbox.ts';
import * as gateSql from './gate.sql.ts';
import { gateSettings } from './policy.ts';

export type TouchCandidate = {
  customerId: string;
  vehicleId: string | null;
  source: TouchSource;
  ruleKey: CareRuleKey | null;
  topic: ContactTopic;
  kind: TouchKind;
  channel: TouchChannel;
  dueAt: Date;
  dedupeKey: string;
  /** Lower goes first when a cap bites (transactional 0). */
  priority: number;
  subject: string | null;
  /** The rendered message, or the call script for channel 'call'. */
  body: string;
  taskTitle: string | null;
  taskRole: string | null;
  storeId: string | null;
  assigneeId: string | null;
  /**
   * Transactional notices name their recipient (the app account bound to the car, the booker's phone)
   * instead of the gate's look-up: owner id for 'inbox', phone for 'sms', e-mail for 'email'.
   */
  address?: string | null;
  /** The outbox and inbox topic ('booking_confirmed', 'visit_ready'…) when finer than `topic`. */
  noticeTopic?: string | null;
  /** Where an inbox message leads in the owner app (/visits/<id>). */
  link?: string | null;
  /**
   * Until when the touch still makes sense: held back by a cap it waits for the next free window up to
   * this moment, then is recorded as expired. Default: 30 days after it is due.
   */
  expiresAt?: Date | null;
  /** A message with a taskRole also makes a call task for it: the script the caller reads (else the body). */
  taskScript?: string | null;
};

export type GateOutcome = {
  customerId: string;
  ruleKey: CareRuleKey | null;
  dedupeKey: string;
  channel: TouchChannel;
  decision: TouchDecision;
  reason: SuppressionReason | null;
  /** ISO: when the message goes (or the task is due), or when a held one is tried again; null when suppressed or expired. */
  sendAt: string | null;
  /** The dedupe key was already in `touches`: nothing new was made. */
  duplicate: boolean;
};

/**
 * The rules a delivery itself requires (the care message and the follow-ups it triggers): exempt from
 * the post-visit quiet period and from the caps — with the default of one call a month the three
 * follow-up calls after a delivery could not happen otherwise. They still count against the caps.
 */
export const visitRequiredRules: readonly CareRuleKey[] = [
  'delivery_care',
  'follow_up_3d',
  'follow_up_7d',
  'follow_up_1m',
  'post_repair',
];

/**
 * A transaction's staging run: the random id its rows in touch_candidates, touch_decisions and care_selection
 * carry (and the ids it makes are derived from), and how many candidates it has staged (their `seq`). Made by
 * the first staging in the transaction, ended by runGate (or endRun). Another transaction's run has another id
 * and its rows are never committed: it neither sees nor takes these.
 */
export type StagingRun = { id: string; staged: number };
const runs = new WeakMap<SqlExecutor, StagingRun>();

/** The transaction's current staging run (a new one if none is open). */
export const stagingRun = (sql: SqlExecutor): StagingRun => {
  const open = runs.get(sql);
  if (open) return open;
  const run = { id: randomUUID(), staged: 0 };
  runs.set(sql, run);
  return run;
};

/** Deletes the run's staged rows and closes it (the next staging opens a new one). */
export const endRun = async (ctx: Pick<Ctx, 'sql' | 'tenantId'>): Promise<void> => {
  const run = runs.get(ctx.sql);
  if (!run) return;
  runs.delete(ctx.sql);
  for (const text of gateSql.endRun) await ctx.sql.executeSql(text, [ctx.tenantId, run.id]);
};

/** A decision as gate.sql.ts's `duplicates` and `decisions` return it. */
const outcomeRow = z.object({
  customer_id: col.text,
  rule_key: z.enum(careRuleKeys).nullable(),
  dedupe_key: col.text,
  channel: z.enum(touchChannels),
  decision: z.enum(touchDecisions),
  reason: z.enum(suppressionReasons).nullable(),
  send_at: col.instantOrNull,
});

/** `decisions` adds whether the ledger row was made and what the inbox needs to post the message now. */
const decisionRow = outcomeRow.extend({
  known: z.boolean().nullable(),
  won: z.boolean().nullable(),
  notification_id: col.textOrNull,
  kind: z.enum(touchKinds),
  recipient: col.textOrNull,
  notice_topic: col.textOrNull,
  subject: col.textOrNull,
  body: col.textOrNull,
  link: col.textOrNull,
});
type DecisionRow = z.output<typeof decisionRow>;

const outcomeOf = (r: z.output<typeof outcomeRow>, duplicate: boolean): GateOutcome => ({
  customerId: r.customer_id,
  ruleKey: r.rule_key,
  dedupeKey: r.dedupe_key,
  channel: r.channel,
  decision: r.decision,
  reason: r.reason,
  sendAt: r.send_at?.toISOString() ?? null,
  duplicate,
});

/**
 * Decides every candidate staged in the transaction's run (then ends the run: its rows are deleted). Dry run: decides, writes nothing. The order
 * of the rules, first match wins: erased; (transactional: only a missing address stops it) channel
 * refused; topic opted out; marketing opt-out; an open complaint; recent visit; weekly / call / topic
 * caps; no address.
 * A message due inside the customer's quiet hours is deferred to their end (except 'account' codes and
 * transactional inbox posts). A transactional inbox post due now is delivered here (deliverNow); every
 * other message gets a send job at its moment. A touch a cap holds back is 'held' until the next free
 * moment (its send_at), when `stageHeld` brings it back; if that moment is past its expiry it is 'expired'.
 */
export const runGate = async (ctx: Ctx, options: { dryRun: boolean }): Promise<GateOutcome[]> => {
  const { sql, tenantId } = ctx;
  const run = stagingRun(sql);
  // A failed statement ends the run as well: what follows in the transaction (after a savepoint) stages anew.
  let rows: DecisionRow[];
  let dupes: GateOutcome[];
  try {
    ({ rows, dupes } = await decideRun(ctx, run.id, options));
  } finally {
    if (runs.get(sql) === run) runs.delete(sql);
  }
  for (const text of gateSql.endRun) await sql.executeSql(text, [tenantId, run.id]);
  // A key another transaction wrote meanwhile lost the insert: nothing new was made, so a duplicate.
  // An unknown customer (not this tenant's) leaves no ledger row and is reported as erased.
  const decided = rows.map((r) => outcomeOf(r, !options.dryRun && Boolean(r.known) && !r.won));
  if (!options.dryRun) {
    const made = rows.filter((r) => r.won && r.notification_id);
    const now = ctx.clock.now().getTime();
    const deliversNow = (r: DecisionRow) =>
      r.channel === 'inbox' && r.kind === 'transactional' && (r.send_at?.getTime() ?? 0) <= now;
    await deliverNow(ctx, made.filter(deliversNow));
    await enqueueSends(
      ctx,
      made
        .filter((r) => !deliversNow(r))
        .map((r) => ({
          notificationId: String(r.notification_id),
          startAfter: r.send_at ?? new Date(0),
          ...(r.kind === 'transactional' ? { priority: transactionalPriority } : {}),
        })),
    );
  }
  return [...dupes, ...decided];
};

/** The gate's statements over one run's candidates: its decisions (and, unless a dry run, what they make). */
const decideRun = async (ctx: Ctx, run: string, options: { dryRun: boolean }) => {
  const { sql, tenantId } = ctx;
  const { policy, timezone } = await gateSettings(sql, tenantId);
  await sql.executeSql(gateSql.decide, [
    tenantId,
    timezone,
    policy.weeklyMessages,
    policy.monthlyCalls,
    policy.topicDays,
    policy.postVisitDays,
    visitRequiredRules,
    run,
  ]);
  const dupes = parseRows(outcomeRow, await sql.executeSql(gateSql.duplicates, [tenantId, run]), 'gate duplicates').map(
    (r) => outcomeOf(r, true),
  );
  if (!options.dryRun) {
    const now = ctx.clock.now();
    const written = [
      ...(await sql.executeSql(gateSql.insertTouches, [tenantId, now, run])).rows,
      ...(await sql.executeSql(gateSql.updateRetries, [tenantId, run])).rows,
    ].map((r) => String(r.dedupe_key));
    if (written.length > 0) await sql.executeSql(gateSql.markWon, [tenantId, run, written]);
    await sql.executeSql(gateSql.insertNotifications, [tenantId, now, run]);
    await sql.executeSql(gateSql.insertTasks, [tenantId, now, run]);
    await sql.executeSql(gateSql.linkTouches, [tenantId, run]);
  }
  const rows = parseRows(decisionRow, await sql.executeSql(gateSql.decisions, [tenantId, run]), 'gate decisions');
  return { rows, dupes };
};

/**
 * A transactional inbox message due now (a booking confirmation, a stage of the repair) is posted in the
 * caller's transaction — the way the send job posts one, without waiting for it — so the owner's
 * 消息中心 has it as soon as the change it reports commits, and its notification is marked sent.
 */
const deliverNow = async (ctx: Ctx, rows: readonly DecisionRow[]): Promise<void> => {
  if (rows.length === 0) return;
  const ids: string[] = [];
  const refs: string[] = [];
  for (const r of rows) {
    const id = String(r.notification_id);
    const row = {
      id,
      recipient: String(r.recipient),
      kind: r.kind,
      topic: String(r.notice_topic),
      subject: r.subject,
      body: String(r.body),
      link: r.link,
    };
    ids.push(id);
    refs.push(await deliverToInbox(ctx, row, null));
  }
  await ctx.sql.executeSql(gateSql.markDelivered, [ctx.tenantId, ctx.clock.now(), ids, refs]);
};

const valuesOf = (c: TouchCandidate): unknown[] => [
  c.customerId,
  c.vehicleId,
  c.source,
  c.ruleKey,
  c.topic,
  c.kind,
  c.channel,
  c.dueAt,
  c.dedupeKey,
  c.priority,
  c.subject,
  c.body,
  c.taskTitle,
  c.taskRole,
  c.storeId,
  c.assigneeId,
  c.address ?? null,
  c.noticeTopic ?? null,
  c.link ?? null,
  c.expiresAt ?? null,
  c.taskScript ?? null,
];

/**
 * Stages candidates from Node (a handful: the recipients of one notice, staff outreach) in one
 * statement into the transaction's run — the sweep inserts with SQL.
 */
export const stage = async (
  ctx: Pick<Ctx, 'sql' | 'tenantId'>,
  candidates: readonly TouchCandidate[],
): Promise<void> => {
  const run = stagingRun(ctx.sql);
  if (candidates.length === 0) return;
  const values = candidates.map((c, i) => [ctx.tenantId, run.id, run.staged + i + 1, ...valuesOf(c)]);
  const width = values[0]?.length ?? 0;
  const rows = values.map((_, i) => `(${Array.from({ length: width }, (_, j) => `$${i * width + j + 1}`).join(', ')})`);
  await ctx.sql.executeSql(
    `INSERT INTO touch_candidates (tenant_id, run, seq, ${gateSql.candidateColumns}) VALUES ${rows.join(', ')}`,
    values.flat(),
  );
  run.staged += candidates.length;
};

/**
 * Stages the held touches due for another turn: those whose next free moment comes before `until`, and those
 * whose moment has passed by then (they expire). Each is due at the later of its next free moment and
 * `messageAt` / `callAt` (the day's hours for messages and calls). Then runGate decides them with the rest.
 */
export const stageHeld = async (ctx: Ctx, moments: { until: Date; messageAt: Date; callAt: Date }): Promise<number> => {
  const run = stagingRun(ctx.sql);
  const result = await ctx.sql.executeSql(
    `WITH s AS (${gateSql.stageHeld} RETURNING 1) SELECT count(*)::int AS n FROM s`,
    [ctx.tenantId, moments.until, moments.messageAt, moments.callAt, run.id, run.staged],
  );
  const n = maybeRow(z.object({ n: col.number }), result, 'stage held')?.n ?? 0;
  run.staged += n;
  return n;
};

/** An erased customer's held touches expire with their words (the personal-data erasure calls it). */
export const expireHeldOf = async (sql: SqlExecutor, tenantId: string, customerId: string): Promise<void> => {
  await sql.executeSql(gateSql.expireHeldOf, [tenantId, customerId]);
};

/** One touch from Node (transactional notices, staff outreach): stage one row, run the gate. */
export const touch = async (ctx: Ctx, candidate: TouchCandidate): Promise<GateOutcome> => {
  await stage(ctx, [candidate]);
  const [outcome] = await runGate(ctx, { dryRun: false });
  if (!outcome) throw new Error('the gate returned no outcome');
  return outcome;
};
