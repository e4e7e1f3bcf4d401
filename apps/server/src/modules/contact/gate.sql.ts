// The gate's SQL, set-based: every statement works on all staged candidates at once, so the nightly
// sweep over a million customers never loops in Node. Parameters are positional ($1 is always the tenant).
// The candidates and decisions are staged in the tenant tables touch_candidates / touch_decisions (schema/
// staging.ts), under the run's random id: every statement reads its own run's rows (`tenant_id = $1 AND
// run = …`), takes tenant_id from them when it writes, and partitions by tenant_id — on Citus each runs on
// the tenant's shard as it is. No `CASE x WHEN v …` (the simple form): Citus 13 sends it to the shards as
// `CASE x WHEN NULL::boolean …` from an INSERT … SELECT ("operator does not exist: text = boolean"); and every
// table is filtered `tenant_id = $1` itself (an outer join on the staged row's tenant_id crashed its planner).
import { followUpSlotWindows, followUpSlots } from '@m4s/contracts';
import { currentBindingSql } from '../../platform/db/current-binding.ts';
import { nonceUuidSql } from '../../platform/db/ids.ts';
import { callMomentSql, quietSql } from '../../platform/time/quiet.ts';

/**
 * The staged columns (touch_candidates besides its key, `retry` and `held_reason`) = TouchCandidate in snake_case.
 * `address`, `notice_topic`, `link` are optional overrides for transactional notices: `address` (owner id
 * for inbox, phone or e-mail) replaces the gate's look-up, `notice_topic` is the outbox / inbox topic
 * ('visit_ready'…), `link` where the inbox message leads. `expires_at`: after it the touch no longer makes
 * sense (a capped one waits until then at most; NULL: 30 days after it is due). `retry`: a held touch's
 * next turn (its ledger row exists; `held_reason` the cap that held it). `task_script`: the call script of
 * the task a message with a `task_role` also makes (win-back's advisor call).
 */
export const candidateColumns = `customer_id, vehicle_id, source, rule_key, topic, kind, channel, due_at, dedupe_key,
  priority, subject, body, task_title, task_role, store_id, assignee_id, address, notice_topic, link, expires_at,
  task_script`;

// A call's task falls inside the customer's preferred slot and outside their quiet hours (platform/time's
// callMoment: the earliest such moment from the touch's due time on).
const slotBound = (a: string, end: 'start' | 'end') =>
  `CASE ${followUpSlots
    .map((x) => `WHEN ${a}.preferred_slot = '${x}' THEN time '${followUpSlotWindows[x][end]}'`)
    .join(' ')} END`;

const acceptedAs = `CASE WHEN i.channel = 'inbox' THEN 'app' WHEN i.channel = 'sms' THEN 'sms'
  WHEN i.channel = 'email' THEN 'email' ELSE 'phone' END`;

// Touches already made that count against the caps: sent or deferred, not transactional, within the
// window on either side of the candidate's due time (a deferred one due later counts as well). One look-up
// per candidate reads all three windows, with the moment each frees up first: the oldest message of the
// week and call of the month drop out of the window 7 / 30 days after they were due; the topic is free
// `topicDays` after its latest touch.
const inWindow = (days: string) =>
  `t.due_at > c.due_at - make_interval(days => ${days}) AND t.due_at < c.due_at + make_interval(days => ${days})`;
const already = `LEFT JOIN LATERAL (SELECT
    count(*) FILTER (WHERE t.channel <> 'call' AND ${inWindow('7')}) AS week_before,
    min(t.due_at) FILTER (WHERE t.channel <> 'call' AND ${inWindow('7')}) AS week_first,
    count(*) FILTER (WHERE t.channel = 'call' AND ${inWindow('30')}) AS calls_before,
    min(t.due_at) FILTER (WHERE t.channel = 'call' AND ${inWindow('30')}) AS call_first,
    count(*) FILTER (WHERE t.topic = c.topic AND ${inWindow('$5::int')}) AS topic_before,
    max(t.due_at) FILTER (WHERE t.topic = c.topic AND ${inWindow('$5::int')}) AS topic_last
  FROM touches t
  WHERE t.tenant_id = $1 AND t.customer_id = c.customer_id AND t.decision IN ('sent', 'deferred')
    AND t.kind <> 'transactional' AND ${inWindow('greatest(30, $5::int)')}) a ON true`;

// The app account that reads a customer's inbox: an owner whose phone is one of the customer's phones
// (the primary first), else one with a confirmed binding to a car the customer owns now. Two indexed
// look-ups per candidate (COALESCE stops at the first that answers).
const inboxOwner = `COALESCE(
  (SELECT o.id::text FROM customer_phones p JOIN owners o ON o.tenant_id = p.tenant_id AND o.phone = p.phone
    WHERE p.tenant_id = $1 AND p.customer_id = c.customer_id ORDER BY p.is_primary DESC, o.created_at, o.id LIMIT 1),
  (SELECT b.owner_id::text FROM vehicles v
    JOIN vehicle_bindings b ON b.tenant_id = v.tenant_id AND b.vehicle_id = v.id AND ${currentBindingSql('$1')}
    WHERE v.tenant_id = $1 AND v.owner_id = c.customer_id
    ORDER BY b.decided_at NULLS LAST, b.owner_id LIMIT 1))`;

// A number a follow-up call found wrong, disconnected or empty (flagged) is no address until it is replaced.
const primaryPhone = `(SELECT p.phone FROM customer_phones p WHERE p.tenant_id = $1 AND p.customer_id = c.customer_id
    AND p.flag IS NULL
  ORDER BY p.is_primary DESC, p.created_at, p.phone LIMIT 1)`;

// A transactional inbox post (booking confirmed, car ready) makes no sound — it waits in the 消息中心 —
// and the app shows the same event live, so quiet hours have nothing to hold back: it goes now.
const silentNow = (a: string) => `(${a}.kind = 'transactional' AND ${a}.channel = 'inbox')`;

// The new notification's and task's ids: from the run's id and the dedupe key (one decision per key and run).
const newId = (what: 'n' | 't') => nonceUuidSql('d.run::text', `'${what}:' || d.dedupe_key`);

const byRank = 'ORDER BY priority, due_at, dedupe_key ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING';

/** What a cap holds back: it waits for the next free window rather than being dropped. */
const capReasons = `('weekly_cap', 'call_cap', 'topic_cap')`;

/**
 * Decides every fresh candidate (its dedupe key not yet in `touches`; one per key) and every held touch's
 * retry. $2 time zone, $3 weeklyMessages, $4 monthlyCalls, $5 topicDays, $6 postVisitDays, $7 the rules a
 * visit requires, $8 the run. The caps count the touches already made plus the earlier-ranked candidates of this
 * batch that will go (same customer; by priority, then due time), so a batch never overshoots a cap.
 * A capped touch is held until the next free moment (`send_at`), or expired when that moment is at or
 * past its `expires_at`; a retry whose due time has reached `expires_at` expires with the cap that held it.
 */
export const decide = `INSERT INTO touch_decisions (tenant_id, run, customer_id, vehicle_id, source, rule_key, topic,
  kind, channel, due_at, dedupe_key, priority, subject, body, task_title, task_role, store_id, assignee_id, known,
  recipient, decision, reason, send_at, notification_id, task_id, won, notice_topic, link, expires_at, retry, address,
  task_at, task_script)
WITH cand AS (
  SELECT DISTINCT ON (c.tenant_id, c.dedupe_key) c.* FROM touch_candidates c
  WHERE c.tenant_id = $1 AND c.run = $8::uuid
    AND (c.retry OR NOT EXISTS (SELECT 1 FROM touches t WHERE t.tenant_id = $1 AND t.dedupe_key = c.dedupe_key))
  ORDER BY c.tenant_id, c.dedupe_key, c.retry DESC, c.priority, c.due_at, c.seq
), info AS (
  SELECT c.*, cu.id IS NOT NULL AS known, cu.id IS NULL OR cu.erased_at IS NOT NULL AS erased,
    cu.channels AS accepted, cu.topics_opted_out, cu.marketing_opt_out, cu.preferred_slot,
    cu.quiet_start::time AS qs, cu.quiet_end::time AS qe, c.channel <> 'call' AS is_message,
    COALESCE(c.rule_key = ANY($7::text[]), false) AS visit_required,
    COALESCE(c.expires_at, c.due_at + interval '30 days') AS until,
    (c.due_at AT TIME ZONE $2) AS local_due,
    COALESCE(NULLIF(btrim(c.address), ''), CASE WHEN c.channel = 'email' THEN NULLIF(btrim(cu.email), '')
      WHEN c.channel = 'inbox' THEN ${inboxOwner} ELSE ${primaryPhone} END) AS recipient,
    EXISTS (SELECT 1 FROM complaints k WHERE k.tenant_id = $1 AND k.customer_id = c.customer_id
      AND k.status = 'open' AND k.kind = 'complaint') AS open_complaint,
    $6::int > 0 AND (EXISTS (SELECT 1 FROM repair_orders r WHERE r.tenant_id = $1 AND r.customer_id = c.customer_id
        AND COALESCE(r.date_out, r.date_in) <= c.due_at
        AND COALESCE(r.date_out, r.date_in) > c.due_at - make_interval(days => $6::int))
      OR EXISTS (SELECT 1 FROM visits v WHERE v.tenant_id = $1 AND v.customer_id = c.customer_id
        AND v.delivered_at <= c.due_at AND v.delivered_at > c.due_at - make_interval(days => $6::int))) AS recent_visit,
    a.week_before, a.week_first, a.calls_before, a.call_first, a.topic_before, a.topic_last
  FROM cand c LEFT JOIN customers cu ON cu.tenant_id = $1 AND cu.id = c.customer_id ${already}
), pre AS (
  SELECT i.*,
    CASE WHEN i.erased THEN 'erased'
      WHEN i.kind = 'transactional' THEN NULL
      WHEN NOT (${acceptedAs} = ANY(i.accepted)) THEN 'channel_refused'
      WHEN i.topic = ANY(i.topics_opted_out) THEN 'topic_opted_out'
      WHEN i.kind = 'marketing' AND i.marketing_opt_out THEN 'marketing_opt_out'
      WHEN i.open_complaint THEN 'open_complaint'
      WHEN i.recent_visit AND NOT i.visit_required THEN 'recent_visit'
    END AS pre_reason,
    i.kind <> 'transactional' AND NOT i.visit_required AS cappable,
    ${quietSql.inWindow('i.local_due', 'i.qs', 'i.qe')} AS in_quiet
  FROM info i
), topics AS (
  SELECT p.*, (p.pre_reason IS NULL AND p.recipient IS NOT NULL AND p.kind <> 'transactional') AS counts,
    count(*) FILTER (WHERE p.pre_reason IS NULL AND p.recipient IS NOT NULL AND p.kind <> 'transactional')
      OVER (PARTITION BY p.tenant_id, p.customer_id, p.topic ${byRank}) AS topic_rank,
    max(p.due_at) FILTER (WHERE p.pre_reason IS NULL AND p.recipient IS NOT NULL AND p.kind <> 'transactional')
      OVER (PARTITION BY p.tenant_id, p.customer_id, p.topic ${byRank}) AS batch_topic_last
  FROM pre p
), classes AS (
  SELECT t.*, t.cappable AND t.pre_reason IS NULL AND t.topic_before + t.topic_rank >= 1 AS topic_capped
  FROM topics t
), ranked AS (
  SELECT k.*, count(*) FILTER (WHERE k.counts AND NOT k.topic_capped)
      OVER (PARTITION BY k.tenant_id, k.customer_id, k.is_message ${byRank}) AS class_rank,
    min(k.due_at) FILTER (WHERE k.counts AND NOT k.topic_capped)
      OVER (PARTITION BY k.tenant_id, k.customer_id, k.is_message ${byRank}) AS batch_first
  FROM classes k
), reasoned AS (
  SELECT r.*, CASE WHEN r.retry AND r.due_at >= r.until THEN r.held_reason ELSE COALESCE(r.pre_reason, CASE
      WHEN r.cappable AND r.is_message AND r.week_before + r.class_rank >= $3::int THEN 'weekly_cap'
      WHEN r.cappable AND NOT r.is_message AND r.calls_before + r.class_rank >= $4::int THEN 'call_cap'
      WHEN r.topic_capped THEN 'topic_cap'
      WHEN r.recipient IS NULL THEN 'no_address' END) END AS reason
  FROM ranked r
), freed AS (
  SELECT r.*, CASE
      WHEN r.reason = 'weekly_cap' THEN LEAST(r.week_first, r.batch_first) + interval '7 days'
      WHEN r.reason = 'call_cap' THEN LEAST(r.call_first, r.batch_first) + interval '30 days'
      WHEN r.reason = 'topic_cap' THEN GREATEST(r.topic_last, r.batch_topic_last) + make_interval(days => $5::int)
    END AS next_free
  FROM reasoned r
), decided AS (
  SELECT r.*, CASE
      WHEN r.retry AND r.due_at >= r.until THEN 'expired'
      WHEN r.reason IN ${capReasons} AND r.pre_reason IS NULL THEN
        CASE WHEN GREATEST(r.next_free, r.due_at) >= r.until THEN 'expired' ELSE 'held' END
      WHEN r.reason IS NOT NULL THEN 'suppressed'
      WHEN r.is_message AND r.in_quiet AND r.topic <> 'account' AND NOT ${silentNow('r')} THEN 'deferred'
      ELSE 'sent' END AS decision
  FROM freed r
)
SELECT d.tenant_id, d.run, d.customer_id, d.vehicle_id, d.source, d.rule_key, d.topic, d.kind, d.channel, d.due_at, d.dedupe_key,
  d.priority, d.subject, d.body, d.task_title, d.task_role, d.store_id, d.assignee_id, d.known, d.recipient,
  d.decision, CASE WHEN d.decision = 'expired' THEN COALESCE(d.reason, d.held_reason) ELSE d.reason END,
  CASE WHEN d.decision IN ('suppressed', 'expired') THEN NULL
    WHEN d.decision = 'held' THEN GREATEST(d.next_free, d.due_at)
    WHEN d.decision = 'deferred' THEN ${quietSql.end('d.local_due', 'd.qs', 'd.qe', '$2')}
    WHEN NOT d.is_message THEN ${callMomentSql('d.local_due', slotBound('d', 'start'), slotBound('d', 'end'), 'd.qs', 'd.qe', '$2')}
    ELSE d.due_at END,
  CASE WHEN d.decision IN ('sent', 'deferred') AND d.is_message THEN ${newId('n')} END,
  CASE WHEN d.decision IN ('sent', 'deferred') AND (NOT d.is_message OR d.task_role IS NOT NULL)
    THEN ${newId('t')} END,
  false, d.notice_topic, d.link, d.until, d.retry, d.address,
  CASE WHEN d.is_message AND d.task_role IS NOT NULL
    THEN ${callMomentSql('d.local_due', slotBound('d', 'start'), slotBound('d', 'end'), 'd.qs', 'd.qe', '$2')} END,
  d.task_script
FROM decided d`;

/** Candidates whose key is already in the ledger: reported with the decision made then. */
export const duplicates = `SELECT DISTINCT ON (c.tenant_id, c.dedupe_key) c.customer_id, c.rule_key, c.dedupe_key,
    c.channel, t.decision, t.reason, t.send_at
  FROM touch_candidates c JOIN touches t ON t.tenant_id = $1 AND t.dedupe_key = c.dedupe_key
  WHERE c.tenant_id = $1 AND c.run = $2::uuid AND NOT c.retry
    -- A key this run decided is reported with its decision (a lost insert: a duplicate there), even when
    -- another transaction committed the same key between this run's statements.
    AND NOT EXISTS (SELECT 1 FROM touch_decisions d WHERE d.tenant_id = $1 AND d.run = $2::uuid
      AND d.dedupe_key = c.dedupe_key)
  ORDER BY c.tenant_id, c.dedupe_key`;

// What a held touch will say and where it goes, kept on its ledger row until its next turn.
const heldPayload = `jsonb_build_object('subject', subject, 'body', body, 'task_title', task_title,
  'task_role', task_role, 'store_id', store_id, 'assignee_id', assignee_id, 'address', address,
  'notice_topic', notice_topic, 'link', link, 'task_script', task_script)`;

/**
 * The ledger rows; a key another transaction wrote meanwhile loses (not returned: `won` stays false). $2 = now,
 * $3 the run. Returns the keys written, which `markWon` marks: joined in SQL with the staged rows (estimated
 * at one row: never analyzed) the planner re-scanned the returned rows once per staged row (24 s for 5,000).
 */
export const insertTouches = `INSERT INTO touches (tenant_id, customer_id, vehicle_id, source, rule_key, topic, kind,
    channel, decision, reason, due_at, send_at, dedupe_key, created_at, expires_at, priority, held)
  SELECT tenant_id, customer_id, vehicle_id, source, rule_key, topic, kind, channel, decision, reason, due_at, send_at,
    dedupe_key, $2, expires_at, priority, CASE WHEN decision = 'held' THEN ${heldPayload} END
    FROM touch_decisions WHERE tenant_id = $1 AND run = $3::uuid AND known AND NOT retry
  ON CONFLICT (tenant_id, dedupe_key) DO NOTHING RETURNING dedupe_key`;

/**
 * A held touch's turn rewrites its ledger row — only while it is still held, so two sweeps at once (or a
 * night caught up twice) make its message or task once. It counts against the caps from its new due time.
 * $2 the run. Returns the keys rewritten (for `markWon`).
 */
export const updateRetries = `UPDATE touches t SET decision = d.decision, reason = d.reason, due_at = d.due_at,
    send_at = d.send_at, held = CASE WHEN d.decision = 'held' THEN t.held END
    FROM touch_decisions d
   WHERE d.tenant_id = $1 AND d.run = $2::uuid AND d.retry AND t.tenant_id = $1
     AND t.dedupe_key = d.dedupe_key AND t.decision = 'held'
  RETURNING t.dedupe_key`;

/** The decisions whose ledger row this run wrote ($3: their keys, from insertTouches and updateRetries). */
export const markWon = `UPDATE touch_decisions SET won = true
  WHERE tenant_id = $1 AND run = $2::uuid AND dedupe_key = ANY($3::text[])`;

/**
 * Stages the held touches whose next free moment comes before `$2` (or whose moment has passed by then) for
 * another turn at the gate, due at the later of that moment and `$3` (messages) / `$4` (calls). $5 the run, $6
 * the number of candidates it has staged so far (the new rows are numbered after them).
 */
export const stageHeld = `INSERT INTO touch_candidates (tenant_id, run, seq, customer_id, vehicle_id, source, rule_key,
    topic, kind, channel, due_at, dedupe_key, priority, subject, body, task_title, task_role, store_id, assignee_id,
    address, notice_topic, link, expires_at, retry, held_reason, task_script)
  SELECT t.tenant_id, $5::uuid, $6::int + (row_number() OVER (PARTITION BY t.tenant_id ORDER BY t.dedupe_key))::int,
    t.customer_id, t.vehicle_id, t.source, t.rule_key, t.topic, t.kind, t.channel,
    GREATEST(t.send_at, CASE WHEN t.channel = 'call' THEN $4::timestamptz ELSE $3::timestamptz END), t.dedupe_key,
    COALESCE(t.priority, 100), t.held->>'subject', COALESCE(t.held->>'body', ''), t.held->>'task_title',
    t.held->>'task_role', (t.held->>'store_id')::uuid, (t.held->>'assignee_id')::uuid, t.held->>'address',
    t.held->>'notice_topic', t.held->>'link', t.expires_at, true, t.reason, t.held->>'task_script'
  FROM touches t
  WHERE t.tenant_id = $1 AND t.decision = 'held' AND (t.send_at < $2 OR t.expires_at <= $2)`;

/** An erased customer's held touches will not go: expired, their words gone. */
export const expireHeldOf = `UPDATE touches SET decision = 'expired', reason = 'erased', held = NULL, send_at = NULL
  WHERE tenant_id = $1 AND customer_id = $2 AND decision = 'held'`;

/** $2 now, $3 the run. */
export const insertNotifications = `INSERT INTO notifications (tenant_id, id, channel, recipient, kind, topic,
    subject, body, customer_id, created_at, link)
  SELECT tenant_id, notification_id, channel, recipient, kind, COALESCE(notice_topic, topic), subject, body,
    customer_id, $2, link
  FROM touch_decisions WHERE tenant_id = $1 AND run = $3::uuid AND won AND notification_id IS NOT NULL`;

/** Inbox posts the gate delivered itself (see gate.ts): sent, with the message's id. $2 now, $3 ids, $4 refs. */
export const markDelivered = `UPDATE notifications n
  SET status = 'sent', attempts = 1, provider_ref = u.ref, sent_at = $2, last_error = NULL
  FROM unnest($3::uuid[], $4::text[]) AS u(id, ref)
  WHERE n.tenant_id = $1 AND n.id = u.id`;

/**
 * Calls become tasks for the rule's role (customer service when none is named). A message that names a
 * role (win-back's recall notice) also gives that role a call task, due at the call moment of its due time
 * (the slot, outside quiet hours); the task carries the message it follows. $2 now, $3 the run.
 */
export const insertTasks = `INSERT INTO care_tasks (tenant_id, id, customer_id, vehicle_id, store_id, rule_key, role,
    assignee_id, title, script, due_at, created_at, updated_at)
  SELECT tenant_id, task_id, customer_id, vehicle_id, store_id, rule_key, COALESCE(task_role, 'cs_specialist'),
    assignee_id, COALESCE(task_title, subject, '客户回访'), COALESCE(task_script, body), COALESCE(task_at, send_at), $2, $2
  FROM touch_decisions WHERE tenant_id = $1 AND run = $3::uuid AND won AND task_id IS NOT NULL`;

/** $2 the run. */
export const linkTouches = `UPDATE touches t SET notification_id = d.notification_id, task_id = d.task_id
  FROM touch_decisions d
  WHERE d.tenant_id = $1 AND d.run = $2::uuid AND d.won AND t.tenant_id = $1 AND t.dedupe_key = d.dedupe_key
    AND (d.notification_id IS NOT NULL OR d.task_id IS NOT NULL)`;

export const decisions = `SELECT customer_id, rule_key, dedupe_key, channel, decision, reason, send_at, known, won,
    notification_id, kind, recipient, COALESCE(notice_topic, topic) AS notice_topic, subject, body, link
  FROM touch_decisions WHERE tenant_id = $1 AND run = $2::uuid ORDER BY priority, due_at, dedupe_key`;

/** The end of a run: its rows go (before its transaction ends, so no other transaction ever sees them). */
export const endRun = [
  'DELETE FROM touch_decisions WHERE tenant_id = $1 AND run = $2::uuid',
  'DELETE FROM touch_candidates WHERE tenant_id = $1 AND run = $2::uuid',
  'DELETE FROM care_selection WHERE tenant_id = $1 AND run = $2::uuid',
];
