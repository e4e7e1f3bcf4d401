import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { tenants } from '../../platform/db/schema/index.ts';

/**
 * The tenant's complaint handling (`tenants.complaint_policy`): the follow-up's working days after
 * resolution (seed-001 §3.5: default 1) and how long before a deadline its handler is warned, in business
 * minutes (default 30).
 */
export const complaintPolicy = z.object({
  followUpDays: z.int().min(1).max(7).default(1),
  warnMinutes: z.int().min(5).max(480).default(30),
});
export type ComplaintPolicy = z.infer<typeof complaintPolicy>;

export const complaintPolicyOf = async (ctx: Pick<Ctx, 'db' | 'tenantId'>): Promise<ComplaintPolicy> => {
  const [row] = await ctx.db.select({ p: tenants.complaintPolicy }).from(tenants).where(eq(tenants.id, ctx.tenantId));
  const parsed = complaintPolicy.safeParse(row?.p ?? {});
  return parsed.success ? parsed.data : complaintPolicy.parse({});
};
