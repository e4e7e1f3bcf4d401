// The gate's SQL, set-based: every statement works on all staged candidates at once, so the nightly
// sweep over a million customers never loops in Node. Parameters are positional ($1 is always the tenant).
import { followUpSlotWindows, followUpSlots } from '@m4s/contracts';
import { callMomentSql, quietSql } from '../../platform/time/quiet.ts';

/**
 * Columns = TouchCandidate in snake_case (the plan's interface; the care sweep inserts into it by name).
 * The last three are optional overrides for transactional notices: `address` (owner id for inbox, phone
 * or e-mail) replaces the gate's look-up, `notice_topic` is the outbox / inbox topic ('visit_ready'…),
 * `link` where the inbox message leads.
 */
export const createCandidates = `CREATE TEMP TABLE IF NOT EXISTS touch_candidates (
  customer_id uuid NOT NULL, vehicle_id uuid, source text NOT NULL, rule_key text, topic text NOT NULL,
  kind text NOT NULL, channel text NOT NULL, due_at timestamptz NOT NULL, dedupe_key text NOT NULL,
  priority int NOT NULL DEFAULT 100, subject text, body text NOT NULL, task_title text, task_role text,
  store_id uuid, assignee_id uuid, address text, notice_topic text, link text) ON COMMIT DROP`;

/** The decided candidates, with the ids their notification or task will get; emptied after each run. */
export const createDecisions = `CREATE TEMP TABLE IF NOT EXISTS touch_decisions (
  customer_id uuid NOT NULL, vehicle_id uuid, source text NOT NULL, rule_key text, topic text NOT NULL,
  kind text NOT NULL, channel text NOT NULL, due_at timestamptz NOT NULL, dedupe_key text NOT NULL,
  priority int NOT NULL, subject text, body text NOT NULL, task_title text, task_role text,
  store_id uuid, assignee_id uuid, known boolean NOT NULL, recipient text, decision text NOT NULL,
  reason text, send_at timestamptz, notification_id uuid, task_id uuid, won boolean NOT NULL DEFAULT false,
  notice_topic text, link text
) ON COMMIT DROP`;

// A call's task falls inside the customer's preferred slot and outside their quiet hours (platform/time's
// callMoment: the earliest such moment from the touch's due time on).
const slotBound = (a: string, end: 'start' | 'end') =>
  `CASE ${a}.preferred_slot ${followUpSlots
    .map((x) => `WHEN '${x}' THEN time '${followUpSlotWindows[x][end]}'`)
    .join(' ')} END`;

const acceptedAs = `CASE i.channel WHEN 'inbox' THEN 'app' WHEN 'sms' THEN 'sms' WHEN 'email' THEN 'email' ELSE 'phone' END`;

// Touches already made that count against the caps: sent or deferred, not transactional, within the
// window on either side of the candidate's due time (a deferred one due later counts as well).
const already = (filter: string, days: string) => `(SELECT count(*) FROM touches t
  WHERE t.tenant_id = $1 AND t.customer_id = c.customer_id AND t.decision IN ('sent', 'deferred')
    AND t.kind <> 'transactional' AND ${filter}
    AND t.due_at > c.due_at - make_interval(days => ${days}) AND t.due_at < c.due_at + make_interval(days => ${days}))`;

// The app account that reads a customer's inbox: an owner whose phone is one of the customer's phones
// (the primary first), else one with a confirmed binding to a car the customer owns now. Two indexed
// look-ups per candidate (COALESCE stops at the first that answers).
const inboxOwner = `COALESCE(
  (SELECT o.id::text FROM customer_phones p JOIN owners o ON o.tenant_id = p.tenant_id AND o.phone = p.phone
    WHERE p.tenant_id = $1 AND p.customer_id = c.customer_id ORDER BY p.is_primary DESC, o.created_at, o.id LIMIT 1),
  (SELECT b.owner_id::text FROM vehicles v
    JOIN vehicle_bindings b ON b.tenant_id = v.tenant_id AND b.vehicle_id = v.id AND b.status = 'confirmed'
    WHERE v.tenant_id = $1 AND v.owner_id = c.customer_id
    ORDER BY b.decided_at NULLS LAST, b.owner_id LIMIT 1))`;

const primaryPhone = `(SELECT p.phone FROM customer_phones p WHERE p.tenant_id = $1 AND p.customer_id = c.customer_id
  ORDER BY p.is_primary DESC, p.created_at, p.phone LIMIT 1)`;

// A transactional inbox post (booking confirmed, car ready) makes no sound — it waits in the 消息中心 —
// and the app shows the same event live, so quiet hours have nothing to hold back: it goes now.
const silentNow = (a: string) => `(${a}.kind = 'transactional' AND ${a}.channel = 'inbox')`;

const byRank = 'ORDER BY priority, due_at, dedupe_key ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING';

/**
 * Decides every fresh candidate (its dedupe key not yet in `touches`; one per key). $2 time zone,
 * $3 weeklyMessages, $4 monthlyCalls, $5 topicDays, $6 postVisitDays, $7 the rules a visit requires.
 * The caps count the touches already made plus the earlier-ranked candidates of this batch that will
 * go (same customer; by priority, then due time), so a batch never overshoots a cap.
 */
export const decide = `INSERT INTO touch_decisions
WITH cand AS (
  SELECT DISTINCT ON (c.dedupe_key) c.* FROM touch_candidates c
  WHERE NOT EXISTS (SELECT 1 FROM touches t WHERE t.tenant_id = $1 AND t.dedupe_key = c.dedupe_key)
  ORDER BY c.dedupe_key, c.priority, c.due_at
), info AS (
  SELECT c.*, cu.id IS NOT NULL AS known, cu.id IS NULL OR cu.erased_at IS NOT NULL AS erased,
    cu.channels AS accepted, cu.topics_opted_out, cu.marketing_opt_out, cu.preferred_slot,
    cu.quiet_start::time AS qs, cu.quiet_end::time AS qe, c.channel <> 'call' AS is_message,
    COALESCE(c.rule_key = ANY($7::text[]), false) AS visit_required,
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
    ${already("t.channel <> 'call'", '7')} AS week_before,
    ${already("t.channel = 'call'", '30')} AS calls_before,
    ${already('t.topic = c.topic', '$5::int')} AS topic_before
  FROM cand c LEFT JOIN customers cu ON cu.tenant_id = $1 AND cu.id = c.customer_id
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
      OVER (PARTITION BY p.customer_id, p.topic ${byRank}) AS topic_rank
  FROM pre p
), classes AS (
  SELECT t.*, t.cappable AND t.pre_reason IS NULL AND t.topic_before + t.topic_rank >= 1 AS topic_capped
  FROM topics t
), ranked AS (
  SELECT k.*, count(*) FILTER (WHERE k.counts AND NOT k.topic_capped)
      OVER (PARTITION BY k.customer_id, k.is_message ${byRank}) AS class_rank
  FROM classes k
), reasoned AS (
  SELECT r.*, COALESCE(r.pre_reason, CASE
      WHEN r.cappable AND r.is_message AND r.week_before + r.class_rank >= $3::int THEN 'weekly_cap'
      WHEN r.cappable AND NOT r.is_message AND r.calls_before + r.class_rank >= $4::int THEN 'call_cap'
      WHEN r.topic_capped THEN 'topic_cap'
      WHEN r.recipient IS NULL THEN 'no_address' END) AS reason
  FROM ranked r
), decided AS (
  SELECT r.*, CASE WHEN r.reason IS NOT NULL THEN 'suppressed'
      WHEN r.is_message AND r.in_quiet AND r.topic <> 'account' AND NOT ${silentNow('r')} THEN 'deferred'
      ELSE 'sent' END AS decision
  FROM reasoned r
)
SELECT d.customer_id, d.vehicle_id, d.source, d.rule_key, d.topic, d.kind, d.channel, d.due_at, d.dedupe_key,
  d.priority, d.subject, d.body, d.task_title, d.task_role, d.store_id, d.assignee_id, d.known, d.recipient,
  d.decision, d.reason,
  CASE WHEN d.decision = 'suppressed' THEN NULL
    WHEN d.decision = 'deferred' THEN ${quietSql.end('d.local_due', 'd.qs', 'd.qe', '$2')}
    WHEN NOT d.is_message THEN ${callMomentSql('d.local_due', slotBound('d', 'start'), slotBound('d', 'end'), 'd.qs', 'd.qe', '$2')}
    ELSE d.due_at END,
  CASE WHEN d.decision <> 'suppressed' AND d.is_message THEN gen_random_uuid() END,
  CASE WHEN d.decision <> 'suppressed' AND NOT d.is_message THEN gen_random_uuid() END,
  false, d.notice_topic, d.link
FROM decided d`;

/** Candidates whose key is already in the ledger: reported with the decision made then. */
export const duplicates = `SELECT DISTINCT ON (c.dedupe_key) c.customer_id, c.rule_key, c.dedupe_key, c.channel,
    t.decision, t.reason, t.send_at
  FROM touch_candidates c JOIN touches t ON t.tenant_id = $1 AND t.dedupe_key = c.dedupe_key
  ORDER BY c.dedupe_key`;

/** The ledger rows; a key another transaction wrote meanwhile loses (won stays false). $2 = now. */
export const insertTouches = `WITH ins AS (
  INSERT INTO touches (tenant_id, customer_id, vehicle_id, source, rule_key, topic, kind, channel, decision,
    reason, due_at, send_at, dedupe_key, created_at)
  SELECT $1, customer_id, vehicle_id, source, rule_key, topic, kind, channel, decision, reason, due_at, send_at,
    dedupe_key, $2 FROM touch_decisions WHERE known
  ON CONFLICT (tenant_id, dedupe_key) DO NOTHING RETURNING dedupe_key)
UPDATE touch_decisions d SET won = true FROM ins WHERE ins.dedupe_key = d.dedupe_key`;

export const insertNotifications = `INSERT INTO notifications (tenant_id, id, channel, recipient, kind, topic,
    subject, body, customer_id, created_at)
  SELECT $1, notification_id, channel, recipient, kind, COALESCE(notice_topic, topic), subject, body, customer_id, $2
  FROM touch_decisions WHERE won AND notification_id IS NOT NULL`;

/** Inbox posts the gate delivered itself (see gate.ts): sent, with the message's id. $2 now, $3 ids, $4 refs. */
export const markDelivered = `UPDATE notifications n
  SET status = 'sent', attempts = 1, provider_ref = u.ref, sent_at = $2, last_error = NULL
  FROM unnest($3::uuid[], $4::text[]) AS u(id, ref)
  WHERE n.tenant_id = $1 AND n.id = u.id`;

/** Calls become tasks for the rule's role (customer service when none is named). */
export const insertTasks = `INSERT INTO care_tasks (tenant_id, id, customer_id, vehicle_id, store_id, rule_key, role,
    assignee_id, title, script, due_at, created_at, updated_at)
  SELECT $1, task_id, customer_id, vehicle_id, store_id, rule_key, COALESCE(task_role, 'cs_specialist'),
    assignee_id, COALESCE(task_title, subject, '客户回访'), body, send_at, $2, $2
  FROM touch_decisions WHERE won AND task_id IS NOT NULL`;

export const linkTouches = `UPDATE touches t SET notification_id = d.notification_id, task_id = d.task_id
  FROM touch_decisions d
  WHERE d.won AND t.tenant_id = $1 AND t.dedupe_key = d.dedupe_key
    AND (d.notification_id IS NOT NULL OR d.task_id IS NOT NULL)`;

export const decisions = `SELECT customer_id, rule_key, dedupe_key, channel, decision, reason, send_at, known, won,
    notification_id, kind, recipient, COALESCE(notice_topic, topic) AS notice_topic, subject, body, link
  FROM touch_decisions ORDER BY priority, due_at, dedupe_key`;
