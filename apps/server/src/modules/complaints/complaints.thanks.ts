import type { Ctx } from '../../platform/context.ts';
import { runGate, stage } from '../contact/gate.ts';
import type { CaseRow } from './complaints.deadlines.ts';

export { complaintPolicy, complaintPolicyOf, type ComplaintPolicy } from './complaints.policy.ts';

/**
 * The thank-you on closing, through the contact gate like any other touch (source `complaint`, topic
 * follow-up, an SMS to the customer's phone): an owner who refused follow-ups is not written to, and the
 * ledger records what was decided; a suggestion's says whether it was adopted. Once per case and closing (the
 * dedupe key names both).
 */
export const sendThanks = async (ctx: Ctx, c: CaseRow) => {
  const suggestion = c.kind === 'suggestion';
  // A suggestion's customer is told in writing whether it was adopted (seed 002), not only in the app.
  const body = suggestion
    ? c.adopted
      ? '感谢您提出的宝贵建议，经评估您的建议已被采纳，我们将据此改进。欢迎您继续为我们提出意见。'
      : '感谢您提出的宝贵建议，经认真评估，您的建议暂未被采纳。欢迎您继续为我们提出意见。'
    : '感谢您的反馈与耐心，您反映的问题已处理完毕，我们已据此改进服务。如仍有不满意之处，请随时联系我们。';
  await stage(ctx, [
    {
      customerId: c.customerId,
      vehicleId: c.vehicleId,
      source: 'complaint',
      ruleKey: null,
      topic: 'follow_up',
      kind: 'care',
      channel: 'sms',
      dueAt: ctx.clock.now(),
      dedupeKey: `complaint:${c.id}:thanks:${c.reopenCount}`,
      priority: 1,
      subject: null,
      body,
      taskTitle: null,
      taskRole: null,
      storeId: c.storeId,
      assigneeId: null,
    },
  ]);
  return runGate(ctx, { dryRun: false });
};
