import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { z } from 'zod';
import type { memberDetail } from '@m4s/contracts';
import { createTestTenant, signInStaff, testApp, testClock } from '../../test/harness.ts';
import { owners } from '../platform/db/schema/index.ts';
import { dayIn, instantOf } from '../platform/time/zone.ts';
import { demoOwnerPhones } from './demo.ts';
import { seedDemoGarage } from './demo-garage.ts';
import { seedDemoLoyalty } from './demo-loyalty.ts';
import { seedDemoService } from './demo-service.ts';
import { seedDemoVisits } from './demo-visits.ts';

describe('demo membership', () => {
  test('on day one the demo owners’ 我的 shows real figures: this morning’s paid visit earned its points', async (tc) => {
    const { db } = await testApp();
    const t = await createTestTenant(['group_admin']);
    await db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
      await tx.insert(owners).values(demoOwnerPhones.map((phone) => ({ tenantId: t.id, phone })));
    });
    const zone = 'Asia/Shanghai';
    testClock.offsetMs = instantOf(dayIn(new Date(), zone), '14:00', zone).getTime() - Date.now();
    tc.after(() => {
      testClock.offsetMs = 0;
    });
    const now = testClock.now();
    const storeIds = [t.storeId, t.otherStoreId];
    await seedDemoGarage(db, { tenantId: t.id, storeIds, now });
    await seedDemoService(db, { tenantId: t.id, storeIds, now });
    await seedDemoVisits(db, { tenantId: t.id, storeIds, now });
    await seedDemoLoyalty(db, { tenantId: t.id, storeIds, now });

    // 13800000002's car was delivered and paid this morning: ¥785 of maintenance, 785 points at its checkout,
    // in the wallet the owner app and the advisor read.
    const [visit] = (
      await db.owner.executeSql(
        `SELECT customer_id, repair_order_id FROM visits WHERE tenant_id = $1 AND status = 'delivered'`,
        [t.id],
      )
    ).rows;
    const admin = await signInStaff(t.slug, 'group.admin');
    const wallet = (await admin.get(`/api/loyalty/members/${String(visit?.customer_id)}`)).json<
      z.output<typeof memberDetail>
    >();
    assert.deepEqual(
      wallet.ledger.filter((e) => e.sourceId === visit?.repair_order_id).map((e) => [e.kind, e.points, e.source]),
      [['earn', 785, 'repair_order']],
    );
    assert.ok(wallet.balance >= 785);
    assert.ok(wallet.expiring && wallet.expiring.points > 0);
  });
});
