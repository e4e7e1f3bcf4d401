/** Helpers of the complaint tests and the cross-tenant suite. */
import { testApp, type Agent, type TestTenant } from '../../../test/harness.ts';
import { complaints } from '../../platform/db/schema/index.ts';

/** An open complaint about the test tenant's customer and car, written as the platform would. */
export const complaintFor = async (t: TestTenant): Promise<string> => {
  const { db } = await testApp();
  return db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
    const [row] = await tx
      .insert(complaints)
      .values({
        tenantId: t.id,
        customerId: t.customerId,
        vehicleId: t.vehicleId,
        storeId: t.storeId,
        category: 'repair_time',
        channel: 'phone',
        severity: 'normal',
        summary: '保养等候时间过长',
        receivedAt: new Date(),
        receivedBy: t.staffIds.group_admin ?? null,
      })
      .returning({ id: complaints.id });
    if (!row) throw new Error('complaint insert returned nothing');
    return row.id;
  });
};

const ok = (res: { statusCode: number; body: string }, what: string) => {
  if (res.statusCode !== 200) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
};

/** Takes an open complaint through contact, assignment (the handler signs in as `agent`), answer and resolution. */
export const walkToResolved = async (agent: Agent, id: string, handlerId: string, handler: Agent = agent) => {
  ok(await agent.send('POST', `/api/complaints/${id}/contact`, { note: '已致电客户致歉' }), 'contact');
  ok(await agent.send('POST', `/api/complaints/${id}/assign`, { handlerId }), 'assign');
  ok(await handler.send('POST', `/api/complaints/${id}/accept`, {}), 'accept');
  ok(await handler.send('POST', `/api/complaints/${id}/answer`, { answer: '已安排技师复查' }), 'answer');
  ok(
    await handler.send('POST', `/api/complaints/${id}/resolve`, { solution: '免费返修', completionDate: '2026-03-12' }),
    'resolve',
  );
};

/** …and the satisfied follow-up: the case is ready to close. */
export const walkToFollowUp = async (agent: Agent, id: string, handlerId: string, handler: Agent = agent) => {
  await walkToResolved(agent, id, handlerId, handler);
  ok(
    await agent.send('POST', `/api/complaints/${id}/follow-up`, { satisfied: true, note: '客户表示满意' }),
    'follow-up',
  );
};
