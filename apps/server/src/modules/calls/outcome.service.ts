import { isPhoneFlag, type CallOutcomeInput, type CallPolicy, type FollowUpSlot, type PhoneFlag } from '@m4s/contracts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { taskAssignee } from '../care/tasks.service.ts';
import { flagPhone, recordCallAnswers } from '../customers/customers.follow-up.ts';
import { maskPhone } from '../customers/customers.mask.ts';
import * as q from './calls.queries.ts';
import { nextDayMoment, windowsOf } from './moments.ts';
import { isOpen, transition } from './outcomes.ts';

/** A refusal naming where the call stands: 409, "该回访已完成…" (field messages `call_state_<state>`). */
const closedConflict = (state: string) =>
  new AppError('CONFLICT', undefined, { issues: [{ path: 'outcome', message: `call_state_${state}` }], state });

const attemptConflict = () =>
  new AppError('CONFLICT', undefined, { issues: [{ path: 'attempts', message: 'call_attempt_conflict' }] });

/** An agreed time must be ahead, and within 60 days (a call further off is a new follow-up, not this one). */
const agreedTime = (ctx: StaffCtx, iso: string) => {
  const at = new Date(iso);
  const now = ctx.clock.now().getTime();
  if (at.getTime() <= now) throw AppError.field('callbackAt', 'call_callback_past');
  if (at.getTime() > now + 60 * 86_400_000) throw AppError.field('callbackAt', 'call_callback_far');
  return at;
};

const flagWords: Record<PhoneFlag, string> = { wrong_number: '错号', disconnected: '停机', empty_number: '空号' };

/**
 * The side of a bad number (ch3-4 §2.8, L2359): the number is flagged on the customer's phone and the
 * record handed to sales and after-sales — a data-fix task for the customer's sales consultant and service
 * advisor (their role's pool in the store when the customer has none), once while one is open.
 */
const handBadNumber = async (ctx: StaffCtx, id: string, f: q.CallFacts, flag: PhoneFlag): Promise<string[]> => {
  if (f.phone) await flagPhone(ctx, f.customer_id, f.phone, flag);
  const now = ctx.clock.now();
  const storeId = f.store_id ?? f.home_store_id;
  const made: string[] = [];
  for (const [role, assigneeId] of [
    ['sales_consultant', f.sales_consultant_id],
    ['service_advisor', f.service_advisor_id],
  ] as const) {
    if (await q.openDataFix(ctx.sql, ctx.tenantId, f.customer_id, role)) continue;
    made.push(
      await q.insertTask(ctx.sql, ctx.tenantId, {
        kind: 'data_fix',
        customerId: f.customer_id,
        vehicleId: f.vehicle_id,
        storeId,
        ruleKey: null,
        role,
        assigneeId,
        title: `核实客户电话（${flagWords[flag]}）`,
        script: `回访时客户电话 ${f.phone ? maskPhone(f.phone) : ''} 为${flagWords[flag]}，请与客户核实并更新客户资料。`,
        dueAt: now,
        now,
      }),
    );
  }
  return made;
};

/**
 * Records one attempt's outcome: the state machine's move (refused on a closed call, naming its state),
 * applied only if no one recorded an outcome since the agent's screen was drawn, then what it sets off.
 */
export const applyOutcome = async (
  ctx: StaffCtx,
  id: string,
  f: q.CallFacts,
  input: CallOutcomeInput,
  policy: CallPolicy,
  responseId: string | null = null,
): Promise<{ to: string; taskIds: string[] }> => {
  if (f.kind === 'data_fix') throw closedConflict('data_fix');
  // A task closed by the care task list before the call centre knew it keeps an open state: closed all the same.
  const closedAs = f.status === 'done' ? 'completed' : f.status === 'cancelled' ? 'cancelled' : null;
  const state = closedAs && isOpen(f.call_state) ? closedAs : f.call_state;
  // The screen the agent worked from is out of date: a colleague recorded an attempt since (say so first).
  if (input.attempts !== f.attempts) throw attemptConflict();
  const move = transition(state, input.outcome, { noAnswers: f.no_answers, maxNoAnswers: policy.noAnswerAttempts });
  if (!move.ok) throw closedConflict(move.state);

  // Validate everything the outcome names before anything is written.
  const slot: FollowUpSlot | undefined =
    input.outcome === 'not_convenient' || input.outcome === 'completed' ? input.preferredSlot : undefined;
  let dueAt: Date | null = null;
  if (move.next === 'agreed_time' && (input.outcome === 'non_owner' || input.outcome === 'not_convenient'))
    dueAt = agreedTime(ctx, input.callbackAt);
  if (move.next === 'retry_next_day') dueAt = await nextDayMoment(ctx, windowsOf(f));
  const issues = input.outcome === 'completed' ? input.issues : [];
  const people = [];
  for (const [i, issue] of issues.entries()) {
    people.push(await taskAssignee(ctx, issue.assigneeId, f.store_id, `issues.${i}.assigneeId`));
    agreedTime(ctx, issue.callbackAt);
  }

  const now = ctx.clock.now();
  const note = input.note?.trim() || null;
  const won = await q.applyTransition(ctx.sql, ctx.tenantId, id, {
    expected: input.attempts,
    to: move.to,
    closed: move.closed,
    dueAt,
    now,
    by: ctx.actor.id,
    note,
    closeReason: move.closed ? input.outcome : null,
  });
  // Another agent's outcome was committed first: this one is not applied.
  if (!won)
    throw new AppError('CONFLICT', undefined, { issues: [{ path: 'attempts', message: 'call_attempt_conflict' }] });

  const taskIds: string[] = [];
  if (isPhoneFlag(input.outcome)) taskIds.push(...(await handBadNumber(ctx, id, f, input.outcome)));
  for (const [i, issue] of issues.entries())
    taskIds.push(
      await q.insertTask(ctx.sql, ctx.tenantId, {
        kind: 'callback',
        customerId: f.customer_id,
        vehicleId: f.vehicle_id,
        storeId: f.store_id ?? f.home_store_id,
        ruleKey: null,
        role: people[i]?.role ?? 'cs_specialist',
        assigneeId: issue.assigneeId,
        title: '客户反映问题回电',
        script: issue.summary,
        dueAt: new Date(issue.callbackAt),
        now,
      }),
    );
  if (slot || input.outcome === 'refused')
    await recordCallAnswers(ctx, f.customer_id, { preferredSlot: slot, refused: input.outcome === 'refused' });
  await q.insertAttempt(ctx.sql, ctx.tenantId, {
    taskId: id,
    customerId: f.customer_id,
    seq: input.attempts + 1,
    outcome: input.outcome,
    from: state,
    to: move.to,
    agentId: ctx.actor.id,
    at: now,
    callbackAt: dueAt,
    note,
    responseId,
    details: {
      ...(taskIds.length > 0 ? { tasks: taskIds } : {}),
      ...(slot ? { preferredSlot: slot } : {}),
      ...(isPhoneFlag(input.outcome) && f.phone ? { flagged: maskPhone(f.phone) } : {}),
    },
  });
  return { to: move.to, taskIds };
};
