import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { tenants } from '../../platform/db/schema/index.ts';
import { runGate, stage } from '../contact/gate.ts';
import type { CaseRow } from './complaints.deadlines.ts';

/** The tenant's complaint handling: the follow-up's working days after resolution (seed-001 §3.5: default 1). */
export const complaintPolicy = z.object({ followUpDays: z.int().min(1).max(7).default(1) });
export type ComplaintPolicy = z.infer<typeof complaintPolicy>;

export const complaintPolicyOf = async (ctx: Pick<Ctx, 'db' | 'tenantId'>): Promise<ComplaintPolicy> => {
  const [row] = await ctx.db.select({ p: tenants.complaintPolicy }).from(tenants).where(eq(tenants.id, ctx.tenantId));
  const parsed = complaintPolicy.safeParse(row?.p ?? {});
  return parsed.success ? parsed.data : complaintPolicy.parse({});
};

/**
 * The thank-you on closing, through the contact gate like any other touch (source `complaint`, topic
 * follow-up, an SMS to the customer's phone): an owner who refused follow-ups is not written to, and the
 * ledger records what was decided. Once per case and closing (the dedupe key names both).
 */
export const sendThanks = async (ctx: Ctx, c: CaseRow) => {
  const suggestion = c.kind === 'suggestion';
  const body = suggestion
    ? '感谢您提出的宝贵建议，我们已认真评估并告知结果。欢迎您继续为我们提出意见。'
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
