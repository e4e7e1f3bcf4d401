import type { Ctx } from '../../platform/context.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import { asJob } from '../booking/test-kit.ts';
import { createTestTenant, type TestTenant } from '../../../test/harness.ts';
import { stage, runGate, type GateOutcome, type TouchCandidate } from './gate.ts';

export type Sent = { name: string; data: Record<string, unknown>; startAfter: Date | undefined };

/** Runs `fn` as a job would (the tenant's transaction, the system actor, the test clock), recording jobs. */
export const inTenant = async <T>(tenantId: string, fn: (ctx: Ctx, sent: Sent[]) => Promise<T>): Promise<T> => {
  const sent: Sent[] = [];
  const jobs: JobQueue = {
    send: async (name, data, o) => void sent.push({ name, data, startAfter: o?.startAfter }),
    sendMany: async (name, list) =>
      void sent.push(...list.map(({ data, options }) => ({ name, data, startAfter: options?.startAfter }))),
  };
  return asJob(tenantId, (ctx) => fn(ctx, sent), jobs);
};

let seq = 0;
/** A care SMS for the tenant's customer, due at `dueAt`; override anything. */
export const candidate = (t: TestTenant, dueAt: string | Date, over: Partial<TouchCandidate> = {}): TouchCandidate => ({
  customerId: t.customerId,
  vehicleId: t.vehicleId,
  source: 'care_rule',
  ruleKey: 'next_service',
  topic: 'maintenance',
  kind: 'care',
  channel: 'sms',
  dueAt: new Date(dueAt),
  dedupeKey: `test:${++seq}:${Math.random().toString(36).slice(2)}`,
  priority: 100,
  subject: null,
  body: '【测试】您的爱车即将到保养时间。',
  taskTitle: null,
  taskRole: null,
  storeId: null,
  assigneeId: null,
  ...over,
});

/** Stages the candidates and runs the gate in one transaction. */
export const gate = (tenantId: string, list: TouchCandidate[], dryRun = false): Promise<GateOutcome[]> =>
  inTenant(tenantId, async (ctx) => {
    await stage(ctx, list);
    return runGate(ctx, { dryRun });
  });

/** Raw SQL in the tenant's transaction (set up preferences, read the ledger). */
export const sqlIn = (tenantId: string, text: string, values: unknown[] = []) =>
  inTenant(tenantId, async (ctx) => (await ctx.sql.executeSql(text, values)).rows);

export const tenantWith = async (prefs: string, values: unknown[] = []): Promise<TestTenant> => {
  const t = await createTestTenant(['group_admin', 'cs_specialist']);
  if (prefs)
    await sqlIn(t.id, `UPDATE customers SET ${prefs} WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      t.customerId,
      ...values,
    ]);
  return t;
};
