import { roleGrants, type ComplaintStage } from '@m4s/contracts';
import type { StaffActor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { CaseRow } from './complaints.deadlines.ts';
import { topLevel } from './complaints.escalation.ts';

/**
 * The state machine of a case (docs/complaints.md): which action each stage allows, and the reason a
 * refused one gives (409 on `stage`, phrased in the reader's language).
 */
export type CaseAction =
  | 'contact'
  | 'assign'
  | 'accept'
  | 'transfer'
  | 'answer'
  | 'escalate'
  | 'resolve'
  | 'follow_up'
  | 'evaluate'
  | 'close'
  | 'reopen'
  | 'note'
  | 'oem_report';

export const refuse = (message: string, path = 'stage') =>
  new AppError('CONFLICT', undefined, { issues: [{ path, message }] });

export const isManager = (actor: StaffActor) => roleGrants[actor.role].permissions.includes('complaint.manage');

const handling: readonly ComplaintStage[] = ['assigned', 'reopened'];

/** Why the action is not possible now, or null when it is. */
export const whyNot = (action: CaseAction, c: CaseRow, actor: StaffActor): string | null => {
  const suggestion = c.kind === 'suggestion';
  if (action === 'reopen') return c.status === 'closed' ? null : 'complaint_reopen_closed_only';
  if (c.status === 'closed') return 'complaint_closed';
  switch (action) {
    case 'note':
      return null;
    case 'contact':
      return c.stage === 'received' ? null : 'complaint_already_contacted';
    case 'assign':
      if (suggestion) return 'complaint_suggestion_flow';
      if (c.stage === 'received') return 'complaint_contact_first';
      return c.stage === 'contacted' || c.stage === 'reopened' ? null : 'complaint_already_assigned';
    case 'accept':
      if (!c.handlerId || !handling.includes(c.stage)) return 'complaint_not_assigned';
      if (c.handlerId !== actor.id) return 'complaint_not_handler';
      return c.handlerAcceptedAt ? 'complaint_already_accepted' : null;
    case 'transfer':
      return c.handlerId && ['assigned', 'answered', 'reopened'].includes(c.stage) ? null : 'complaint_not_assigned';
    case 'answer':
      if (suggestion) return 'complaint_suggestion_flow';
      if (!c.handlerId || !handling.includes(c.stage)) return 'complaint_not_assigned';
      return c.handlerAcceptedAt ? null : 'complaint_accept_first';
    case 'resolve':
      if (suggestion) return 'complaint_suggestion_flow';
      return c.stage === 'answered' ? null : 'complaint_answer_first';
    case 'follow_up':
      return c.stage === 'resolved' ? null : 'complaint_not_resolved';
    case 'evaluate':
      if (!suggestion) return 'complaint_not_suggestion';
      return c.stage === 'contacted' ? null : 'complaint_acknowledge_first';
    case 'escalate':
      if (suggestion) return 'complaint_suggestion_flow';
      return c.escalationLevel >= topLevel ? 'complaint_escalation_top' : null;
    case 'oem_report':
      if (!c.oemReportDue) return 'complaint_oem_report_not_required';
      return c.oemReportSentAt ? 'complaint_oem_report_sent' : null;
    case 'close':
      if (suggestion) return c.stage === 'evaluated' ? null : 'complaint_evaluate_first';
      if (c.stage !== 'followed_up') return 'complaint_follow_up_first';
      if (c.receivedBy === actor.id && !isManager(actor)) return 'complaint_opener_cannot_close';
      if (c.oemReportDue && !c.oemReportSentAt) return 'complaint_oem_report_first';
      return null;
  }
};

export const check = (action: CaseAction, c: CaseRow, actor: StaffActor) => {
  const reason = whyNot(action, c, actor);
  if (reason) throw refuse(reason);
};

const all: readonly CaseAction[] = [
  'contact',
  'assign',
  'accept',
  'transfer',
  'answer',
  'escalate',
  'resolve',
  'follow_up',
  'evaluate',
  'close',
  'reopen',
  'note',
  'oem_report',
];

/** What the reader may do now (the console shows these), by stage and by who they are. */
export const actionsFor = (c: CaseRow, actor: StaffActor): CaseAction[] =>
  all.filter((a) => whyNot(a, c, actor) === null && (a !== 'oem_report' || isManager(actor)));
