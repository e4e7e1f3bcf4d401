// The gate's SQL, set-based: every statement works on all staged candidates at once, so the nightly
// sweep over a million customers never loops in Node. Parameters are positional ($1 is always the tenant).
import { followUpSlotWindows, followUpSlots } from '@m4s/contracts';
import { currentBindingSql } from '../../platform/db/current-binding.ts';
import { callMomentSql, quietSql } from '../../platform/time/quiet.ts';

/**
 * Columns = TouchCandidate in snake_case (the plan's interface; the care sweep inserts into it by name).
 * `address`, `notice_topic`, `link` are optional overrides for transactional notices: `address` (owner id
 * for inbox, phone or e-mail) replaces the gate's look-up, `notice_topic` is the outbox / inbox topic
 * ('visit_ready'…), `link` where the inbox message leads. `expires_at`: after it the touch no longer makes
 * sense (a capped one waits until then at most; NULL: 30 days after it is due). `retry`: a held touch's
 * next turn (its ledger row exists; `held_reason` the cap that held it). `task_script`: the call script of
 * the task a message with a `task_role` also makes (win-back's advisor call).
 */
export const createCandidates = `CREATE TEMP TABLE IF NOT EXISTS touch_candidates (
  customer_id uuid NOT NULL, vehicle_id uuid, source text NOT NULL, rule_key text, topic text NOT NULL,
  kind text NOT NULL, channel text NOT NULL, due_at timestamptz NOT NULL, dedupe_key text NOT NULL,
  priority int NOT NULL DEFAULT 100, subject text, body text NOT NULL, task_title text, task_role text,
  store_id uuid, assignee_id uuid, address text, notice_topic text, link text, expires_at timestamptz,
  retry boolean NOT NULL DEFAULT false, held_reason text, task_script text) ON COMMIT DROP`;

/** The decided candidates, with the ids their notification or task will get; emptied after each run. */
export const createDecisions = `CREATE TEMP TABLE IF NOT EXISTS touch_decisions (
  customer_id uuid NOT NULL, vehicle_id uuid, source text NOT NULL, rule_key text, topic text NOT NULL,
  kind text NOT NULL, channel text NOT NULL, due_at timestamptz NOT NULL, dedupe_key text NOT NULL,
  priority int NOT NULL, subject text, body text NOT NULL, task_title text, task_role text,
  store_id uuid, assignee_id uuid, known boolean NOT NULL, recipient text, decision text NOT NULL,
  reason text, send_at timestamptz, notification_id uuid, task_id uuid, won boolean NOT NULL DEFAULT false,
  notice_topic text, link text, expires_at timestamptz, retry boolean NOT NULL DEFAULT false, address text,
  task_at timestamptz, task_script text
) ON COMMIT DROP`;

// A call's task falls inside the customer's preferred slot and outside their quiet hours (platform/time's
// callMoment: the earliest such moment from the touch's due time on).
const slotBound = (a: string, end: 'start' | 'end') =>
  `CASE ${a}.preferred_slot ${followUpSlots
    .map((x) => `WHEN '${x}' THEN time '${followUpSlotWindows[x][end]}'`)
    .join(' ')} END`;

const acceptedAs = `CASE i.channel WHEN 'inbox' THEN 'app' WHEN 'sms' THEN 'sms' WHEN 'email' THEN 'email' ELSE 'phone' END`;

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

const primaryPhone = `(SELECT p.phone FROM customer_phones p WHERE p.tenant_id = $1 AND p.customer_id = c.customer_id
  ORDER BY p.is_primary DESC, p.created_at, p.phone LIMIT 1)`;

// A transactional inbox post (booking confirmed, car ready) makes no sound — it waits in the 消息中心 —
// and the app shows the same event live, so quiet hours have nothing to hold back: it goes now.
const silentNow = (a: string) => `(${a}.kind = 'transactional' AND ${a}.channel = 'inbox')`;

const byRank = 'ORDER BY priority, due_at, dedupe_key ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING';

/** What a cap holds back: it waits for the next free window rather than being dropped. */
const capReasons = `('weekly_cap', 'call_cap', 'topic_cap')`;

/**
 * Decides every fresh candidate (its dedupe key not yet in `touches`; one per key) and every held touch's
 * retry. $2 time zone, $3 weeklyMessages, $4 monthlyCalls, $5 topicDays, $6 postVisitDays, $7 the rules a
 * visit requires. The caps count the touches already made plus the earlier-ranked candidates of this
 * batch that will go (same customer; by priority, then due time), so a batch never overshoots a cap.
 * A capped touch is held until the next free moment (`send_at`), or expired when that moment is at or
 * past its `expires_at`; a retry whose due time has reached `expires_at` expires with the cap that held it.
 */
export const decide = `INSERT INTO touch_decisions
WITH cand AS (
  SELECT DISTINCT ON (c.dedupe_key) c.* FROM touch_candidates c
  WHERE c.retry OR NOT EXISTS (SELECT 1 FROM touches t WHERE t.tenant_id = $1 AND t.dedupe_key = c.dedupe_key)
  ORDER BY c.dedupe_key, c.retry DESC, c.priority, c.due_at
), info AS (
  SELECT c.*, cu.id IS NOT NULL AS known, cu.id IS NULL OR cu.erased_at IS NOT NULL AS erased,
    cu.channels AS accepted, cu.topics_opted_out, cu.marketing_opt_out, cu.preferred_slot,
    cu.quiet_start::time AS qs, cu.quiet_end::time AS qe, c.channel <> 'call' AS is_message,
    COALESCE(c.rule_key = ANY($7::text[]), false) AS visit_required,
    COALESCE(c.expires_at, c.due_at + interval '30 days') AS until,
    (c.due_at AT TIME ZONE $2) AS local_due,
    COALESCE(NULLIF(btrim(c.address), ''), CASE c.channel WHEN 'email' THEN NULLIF(btrim(cu.email), '')
      WHEN 'inbox' THEN ${inboxOwner} ELSE ${primaryPhone} END) AS recipient,
    EXISTS (SELECT 1 FROM complaints k WHERE k.tenant_id = $1 AND k.customer_id = c.customer_id
      AND k.status = 'open') AS open_complaint,
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
      OVER (PARTITION BY p.customer_id, p.topic ${byRank}) AS topic_rank,
    max(p.due_at) FILTER (WHERE p.pre_reason IS NULL AND p.recipient IS NOT NULL AND p.kind <> 'transactional')
      OVER (PARTITION BY p.customer_id, p.topic ${byRank}) AS batch_topic_last
  FROM pre p
), classes AS (
  SELECT t.*, t.cappable AND t.pre_reason IS NULL AND t.topic_before + t.topic_rank >= 1 AS topic_capped
  FROM topics t
), ranked AS (
  SELECT k.*, count(*) FILTER (WHERE k.counts AND NOT k.topic_capped)
      OVER (PARTITION BY k.customer_id, k.is_message ${byRank}) AS class_rank,
    min(k.due_at) FILTER (WHERE k.counts AND NOT k.topic_capped)
      OVER (PARTITION BY k.customer_id, k.is_message ${byRank}) AS batch_first
  FROM classes k
), reasoned AS (
  SELECT r.*, CASE WHEN r.retry AND r.due_at >= r.until THEN r.held_reason ELSE COALESCE(r.pre_reason, CASE
      WHEN r.cappable AND r.is_message AND r.week_before + r.class_rank >= $3::int THEN 'weekly_cap'
      WHEN r.cappable AND NOT r.is_message AND r.calls_before + r.class_rank >= $4::int THEN 'call_cap'
      WHEN r.topic_capped THEN 'topic_cap'
      WHEN r.recipient IS NULL THEN 'no_address' END) END AS reason
  FROM ranked r
), freed AS (
  SELECT r.*, CASE r.reason
      WHEN 'weekly_cap' THEN LEAST(r.week_first, r.batch_first) + interval '7 days'
      WHEN 'call_cap' THEN LEAST(r.call_first, r.batch_first) + interval '30 days'
      WHEN 'topic_cap' THEN GREATEST(r.topic_last, r.batch_topic_last) + make_interval(days => $5::int)
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
SELECT d.customer_id, d.vehicle_id, d.source, d.rule_key, d.topic, d.kind, d.channel, d.due_at, d.dedupe_key,
  d.priority, d.subject, d.body, d.task_title, d.task_role, d.store_id, d.assignee_id, d.known, d.recipient,
  d.decision, CASE WHEN d.decision = 'expired' THEN COALESCE(d.reason, d.held_reason) ELSE d.reason END,
  CASE WHEN d.decision IN ('suppressed', 'expired') THEN NULL
    WHEN d.decision = 'held' THEN GREATEST(d.next_free, d.due_at)
    WHEN d.decision = 'deferred' THEN ${quietSql.end('d.local_due', 'd.qs', 'd.qe', '$2')}
    WHEN NOT d.is_message THEN ${callMomentSql('d.local_due', slotBound('d', 'start'), slotBound('d', 'end'), 'd.qs', 'd.qe', '$2')}
    ELSE d.due_at END,
  CASE WHEN d.decision IN ('sent', 'deferred') AND d.is_message THEN gen_random_uuid() END,
  CASE WHEN d.decision IN ('sent', 'deferred') AND (NOT d.is_message OR d.task_role IS NOT NULL)
    THEN gen_random_uuid() END,
  false, d.notice_topic, d.link, d.until, d.retry, d.address,
  CASE WHEN d.is_message AND d.task_role IS NOT NULL
    THEN ${callMomentSql('d.local_due', slotBound('d', 'start'), slotBound('d', 'end'), 'd.qs', 'd.qe', '$2')} END,
  d.task_script
FROM decided d`;

/** Candidates whose key is already in the ledger: reported with the decision made then. */
export const duplicates = `SELECT DISTINCT ON (c.dedupe_key) c.customer_id, c.rule_key, c.dedupe_key, c.channel,
    t.decision, t.reason, t.send_at
  FROM touch_candidates c JOIN touches t ON t.tenant_id = $1 AND t.dedupe_key = c.dedupe_key
  WHERE NOT c.retry
  ORDER BY c.dedupe_key`;

// What a held touch will say and where it goes, kept on its ledger row until its next turn.
const heldPayload = `jsonb_build_object('subject', subject, 'body', body, 'task_title', task_title,
  'task_role', task_role, 'store_id', store_id, 'assignee_id', assignee_id, 'address', address,
  'notice_topic', notice_topic, 'link', link, 'task_script', task_script)`;

/** The ledger rows; a key another transaction wrote meanwhile loses (won stays false). $2 = now. */
export const insertTouches = `WITH ins AS (
  INSERT INTO touches (tenant_id, customer_id, vehicle_id, source, rule_key, topic, kind, channel, decision,
    reason, due_at, send_at, dedupe_key, created_at, expires_at, priority, held)
  SELECT $1, customer_id, vehicle_id, source, rule_key, topic, kind, channel, decision, reason, due_at, send_at,
    dedupe_key, $2, expires_at, priority, CASE WHEN decision = 'held' THEN ${heldPayload} END
    FROM touch_decisions WHERE known AND NOT retry
  ON CONFLICT (tenant_id, dedupe_key) DO NOTHING RETURNING dedupe_key)
UPDATE touch_decisions d SET won = true FROM ins WHERE ins.dedupe_key = d.dedupe_key`;

/**
 * A held touch's turn rewrites its ledger row — only while it is still held, so two sweeps at once (or a
 * night caught up twice) make its message or task once. It counts against the caps from its new due time.
 */
export const updateRetries = `WITH upd AS (
  UPDATE touches t SET decision = d.decision, reason = d.reason, due_at = d.due_at, send_at = d.send_at,
    held = CASE WHEN d.decision = 'held' THEN t.held END
    FROM touch_decisions d
   WHERE d.retry AND t.tenant_id = $1 AND t.dedupe_key = d.dedupe_key AND t.decision = 'held'
  RETURNING t.dedupe_key)
UPDATE touch_decisions d SET won = true FROM upd WHERE upd.dedupe_key = d.dedupe_key AND d.retry`;

/**
 * Stages the held touches whose next free moment comes before `$2` (or whose moment has passed by then) for
 * another turn at the gate, due at the later of that moment and `$3` (messages) / `$4` (calls).
 */
export const stageHeld = `INSERT INTO touch_candidates (customer_id, vehicle_id, source, rule_key, topic, kind, channel,
    due_at, dedupe_key, priority, subject, body, task_title, task_role, store_id, assignee_id, address, notice_topic,
    link, expires_at, retry, held_reason, task_script)
  SELECT t.customer_id, t.vehicle_id, t.source, t.rule_key, t.topic, t.kind, t.channel,
    GREATEST(t.send_at, CASE WHEN t.channel = 'call' THEN $4::timestamptz ELSE $3::timestamptz END), t.dedupe_key,
    COALESCE(t.priority, 100), t.held->>'subject', COALESCE(t.held->>'body', ''), t.held->>'task_title',
    t.held->>'task_role', (t.held->>'store_id')::uuid, (t.held->>'assignee_id')::uuid, t.held->>'address',
    t.held->>'notice_topic', t.held->>'link', t.expires_at, true, t.reason, t.held->>'task_script'
  FROM touches t
  WHERE t.tenant_id = $1 AND t.decision = 'held' AND (t.send_at < $2 OR t.expires_at <= $2)`;

/** An erased customer's held touches will not go: expired, their words gone. */
export const expireHeldOf = `UPDATE touches SET decision = 'expired', reason = 'erased', held = NULL, send_at = NULL
  WHERE tenant_id = $1 AND customer_id = $2 AND decision = 'held'`;

export const insertNotifications = `INSERT INTO notifications (tenant_id, id, channel, recipient, kind, topic,
    subject, body, customer_id, created_at)
  SELECT $1, notification_id, channel, recipient, kind, COALESCE(notice_topic, topic), subject, body, customer_id, $2
  FROM touch_decisions WHERE won AND notification_id IS NOT NULL`;

/** Inbox posts the gate delivered itself (see gate.ts): sent, with the message's id. $2 now, $3 ids, $4 refs. */
export const markDelivered = `UPDATE notifications n
  SET status = 'sent', attempts = 1, provider_ref = u.ref, sent_at = $2, last_error = NULL
  FROM unnest($3::uuid[], $4::text[]) AS u(id, ref)
  WHERE n.tenant_id = $1 AND n.id = u.id`;

/**
 * Calls become tasks for the rule's role (customer service when none is named). A message that names a
 * role (win-back's recall notice) also gives that role a call task, due at the call moment of its due time
 * (the slot, outside quiet hours); the task carries the message it follows.
 */
export const insertTasks = `INSERT INTO care_tasks (tenant_id, id, customer_id, vehicle_id, store_id, rule_key, role,
    assignee_id, title, script, due_at, created_at, updated_at)
  SELECT $1, task_id, customer_id, vehicle_id, store_id, rule_key, COALESCE(task_role, 'cs_specialist'),
    assignee_id, COALESCE(task_title, subject, '客户回访'), COALESCE(task_script, body), COALESCE(task_at, send_at), $2, $2
  FROM touch_decisions WHERE won AND task_id IS NOT NULL`;

export const linkTouches = `UPDATE touches t SET notification_id = d.notification_id, task_id = d.task_id
  FROM touch_decisions d
  WHERE d.won AND t.tenant_id = $1 AND t.dedupe_key = d.dedupe_key
    AND (d.notification_id IS NOT NULL OR d.task_id IS NOT NULL)`;

export const decisions = `SELECT customer_id, rule_key, dedupe_key, channel, decision, reason, send_at, known, won,
    notification_id, kind, recipient, COALESCE(notice_topic, topic) AS notice_topic, subject, body, link
  FROM touch_decisions ORDER BY priority, due_at, dedupe_key`;
