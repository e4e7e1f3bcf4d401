import { careRuleKeys, type CareRule, type CareRuleKey } from '@m4s/contracts';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { col, maybeRow } from '../../platform/db/rows.ts';
import { runGate, stageHeld, stagingRun, type GateOutcome } from '../contact/gate.ts';
import { callHour, chaseSelection, messageHour, ruleSelection } from './rule-sql.ts';
import { tenantZone } from '../../platform/time/tenant-zone.ts';
import { addDays, instantOf } from '../../platform/time/zone.ts';
import { loadRules } from './rules.service.ts';
import { ruleDefaults, sweptRule } from './rules.ts';
import { loadTemplates, resolved, type TemplateBook } from './templates.ts';
import { renderJoins, sqlRender } from './variables.ts';

export type SweepResult = { day: string; staged: Record<string, number>; outcomes: GateOutcome[] };

/** Until when the rule's touch makes sense (rules.ts `expires`), over the selection's anchor_on and due_at. */
const expiresSql = (key: CareRuleKey) => {
  const { after, days } = ruleDefaults[key].expires;
  return after === 'anchor'
    ? `((x.anchor_on + ${days + 1})::timestamp AT TIME ZONE $3)`
    : `(x.due_at + make_interval(days => ${days}))`;
};

/** What one staging pass of a rule selects and how it goes out. */
type Part = { selection: string; channel: CareRule['channel']; taskRole: CareRule['taskRole']; ownKey: boolean };

/**
 * A rule's staging passes: one (its selection, its channel); the maintenance chase two — its message
 * steps on the rule's channel, and the last step as a call task for the customer's service advisor
 * (rule-sql.ts chaseSelection), each row keyed by the selection itself (step and basis).
 */
const partsOf = (rule: CareRule, rules: CareRule[]): Part[] => {
  if (rule.key === 'first_maintenance' || rule.key === 'next_service') {
    // First maintenance: its own lead (daysBefore) and fallback interval, next_service's cadence after the day.
    const cadence = rules.find((r) => r.key === 'next_service')?.timing ?? ruleDefaults.next_service.timing;
    const timing = rule.key === 'first_maintenance' ? { ...cadence, ...rule.timing } : rule.timing;
    return [
      {
        selection: chaseSelection(rule.key, timing, 'message'),
        channel: rule.channel,
        taskRole: rule.taskRole,
        ownKey: true,
      },
      {
        selection: chaseSelection(rule.key, timing, 'call'),
        channel: 'call',
        taskRole: 'service_advisor',
        ownKey: true,
      },
    ];
  }
  const selection = ruleSelection(rule.key, rule.timing, rule.channel === 'call' ? 'call' : 'message');
  return selection ? [{ selection, channel: rule.channel, taskRole: rule.taskRole, ownKey: false }] : [];
};

const stageRule = async (
  ctx: Ctx,
  rule: CareRule,
  rules: CareRule[],
  book: TemplateBook,
  day: string,
  timezone: string,
) => {
  let n = 0;
  for (const part of partsOf(rule, rules)) n += await stagePart(ctx, rule, part, book, day, timezone);
  return n;
};

/**
 * One set-based INSERT … SELECT for the rule: its selection (the customers/vehicles due on the day),
 * rendered in SQL with the tenant's current template, keyed `${rule}:${vehicle or customer}:${anchor}`
 * (or by the selection's own dedupe_key: the chase's step and basis).
 */
const stagePart = async (
  ctx: Ctx,
  rule: CareRule,
  { selection, channel, taskRole, ownKey }: Part,
  book: TemplateBook,
  day: string,
  timezone: string,
) => {
  const text = resolved(book, rule.key, channel);
  const isCall = channel === 'call';
  // A message rule that adds a call (win-back): the call's title and script come from its call template.
  const withCall = !isCall && Boolean(ruleDefaults[rule.key].followUpCall && taskRole);
  const call = withCall ? resolved(book, rule.key, 'call') : null;
  const subject = text.subject === null || isCall ? 'NULL::text' : sqlRender(text.subject, 'tpl.subject');
  const title =
    isCall && text.subject !== null
      ? sqlRender(text.subject, 'tpl.subject')
      : call?.subject
        ? sqlRender(call.subject, 'tpl.call_subject')
        : 'NULL::text';
  const script = call ? sqlRender(call.body, 'tpl.call_body') : 'NULL::text';
  // The selection is kept first (in the run's rows of care_selection, numbered) before the rendering joins read
  // it: planned as one statement, a selection estimated at one row (a rule's OR of conditions under the tenant
  // policy) had the join to vehicles re-scan the whole table for every candidate (minutes at a million cars).
  // Its tenant_id is the customer's (on Citus the rows are written on the tenant's shard, not through the
  // coordinator). A selection names only this tenant's customers: the join drops none.
  const run = stagingRun(ctx.sql);
  await ctx.sql.executeSql(`DELETE FROM care_selection WHERE tenant_id = $1 AND run = $2::uuid`, [
    ctx.tenantId,
    run.id,
  ]);
  const selected = await ctx.sql.executeSql(
    `WITH s AS (
     INSERT INTO care_selection (tenant_id, run, seq, customer_id, vehicle_id, store_id, assignee_id, anchor_on, due_at,
       items, dedupe_key)
     SELECT c.tenant_id, $4::uuid, (row_number() OVER (PARTITION BY c.tenant_id))::int, x.customer_id, x.vehicle_id,
            x.store_id, x.assignee_id, x.anchor_on, x.due_at, x.items, ${ownKey ? 'x.dedupe_key' : 'NULL::text'}
       FROM (${selection}) x JOIN customers c ON c.tenant_id = $1 AND c.id = x.customer_id
      -- Typed here: a selection need not read the day ($2) or the zone ($3).
      WHERE $2::date IS NOT NULL AND $3::text IS NOT NULL
     RETURNING 1)
     SELECT count(*)::int AS n FROM s`,
    [ctx.tenantId, day, timezone, run.id],
  );
  const offset = run.staged;
  run.staged += maybeRow(z.object({ n: col.number }), selected, 'care selection')?.n ?? 0;
  const result = await ctx.sql.executeSql(
    `WITH tpl AS (SELECT $5::text AS subject, $6::text AS body, $12::text AS call_subject, $13::text AS call_body,
                        $2::date AS day, $3::text AS zone),
     staged AS (
     INSERT INTO touch_candidates (tenant_id, run, seq, customer_id, vehicle_id, source, rule_key, topic, kind, channel,
       due_at, dedupe_key, priority, subject, body, task_title, task_role, store_id, assignee_id, expires_at, task_script)
     SELECT x.tenant_id, x.run, $15::int + x.seq, x.customer_id, x.vehicle_id, 'care_rule', $4::text, $7::text, $8::text, $9::text, x.due_at,
            ${ownKey ? 'x.dedupe_key' : `$4::text || ':' || coalesce(x.vehicle_id, x.customer_id)::text || ':' || x.anchor_on::text`},
            $10::int, ${subject}, ${sqlRender(text.body, 'tpl.body')}, ${title}, $11::text,
            coalesce(x.store_id, c.home_store_id), CASE WHEN $11::text IS NOT NULL THEN x.assignee_id END,
            ${expiresSql(rule.key)}, ${script}
       FROM care_selection x CROSS JOIN tpl ${renderJoins}
      WHERE x.tenant_id = $1 AND x.run = $14::uuid
     RETURNING 1)
     SELECT count(*)::int AS n FROM staged`,
    [
      ctx.tenantId,
      day,
      timezone,
      rule.key,
      text.subject,
      text.body,
      rule.topic,
      rule.kind,
      channel,
      ruleDefaultsPriority(rule.key),
      isCall || withCall ? taskRole : null,
      call?.subject ?? null,
      call?.body ?? null,
      run.id,
      offset,
    ],
  );
  return maybeRow(z.object({ n: col.number }), result, 'stage rule')?.n ?? 0;
};

const ruleDefaultsPriority = (key: CareRuleKey) => ruleDefaults[key].priority;

/**
 * Stages every enabled swept rule's candidates for the local day into touch_candidates, with the held
 * touches whose next free moment comes by the day's end (`held`: due at the day's message / call hour at
 * the earliest; those whose moment has passed expire); counts per rule.
 */
export const stageDay = async (ctx: Ctx, day: string): Promise<Record<string, number>> => {
  const timezone = await tenantZone(ctx);
  const rules = await loadRules(ctx);
  const book = await loadTemplates(ctx);
  const hourOn = (hour: number) => instantOf(day, `${String(hour).padStart(2, '0')}:00`, timezone);
  const staged: Record<string, number> = {
    held: await stageHeld(ctx, {
      until: instantOf(addDays(day, 1), '00:00', timezone),
      messageAt: hourOn(messageHour),
      callAt: hourOn(callHour),
    }),
  };
  for (const key of careRuleKeys) {
    const rule = rules.find((r) => r.key === key);
    if (!rule?.enabled || !sweptRule(key)) continue;
    staged[key] = await stageRule(ctx, rule, rules, book, day, timezone);
  }
  return staged;
};

/**
 * Stages the day, then lets the gate decide. A dry run decides without writing; a real run twice for the
 * same day makes nothing twice (the dedupe keys).
 */
export const sweep = async (ctx: Ctx, day: string, options: { dryRun: boolean }): Promise<SweepResult> => {
  const staged = await stageDay(ctx, day);
  const outcomes = await runGate(ctx, options);
  return { day, staged, outcomes };
};
