/** Helpers of the complaint tests and the cross-tenant suite. */
import { testApp, type TestTenant } from '../../../test/harness.ts';
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
