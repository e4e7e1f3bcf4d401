import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInOwner, signInStaff, testApp, testClock } from '../../test/harness.ts';
import { owners } from '../platform/db/schema/index.ts';
import { dayIn, instantOf } from '../platform/time/zone.ts';
import { demoOwnerPhones } from './demo.ts';
import { seedDemoGarage } from './demo-garage.ts';
import { seedDemoService } from './demo-service.ts';
import { seedDemoVisits } from './demo-visits.ts';

describe('demo workshop data', () => {
  // Seeded in the afternoon, and at 00:30 when less of the day is gone than the demo's story takes.
  for (const time of ['14:00', '00:30'])
    test(`today’s board has cars in several stages; the first owner watches theirs in the bay with an estimate to decide (seeded at ${time} in Shanghai)`, async (tc) => {
      const { db } = await testApp();
      const t = await createTestTenant(['group_admin']);
      await db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
        await tx.insert(owners).values(demoOwnerPhones.map((phone) => ({ tenantId: t.id, phone })));
      });
      // The clock is set to the time of day under test, so the test does not depend on when it runs.
      // Set here, not when the file loads: test files share the process and its clock.
      const zone = 'Asia/Shanghai';
      testClock.offsetMs = instantOf(dayIn(new Date(), zone), time, zone).getTime() - Date.now();
      tc.after(() => {
        testClock.offsetMs = 0;
      });
      const now = testClock.now();
      const storeIds = [t.storeId, t.otherStoreId];
      await seedDemoGarage(db, { tenantId: t.id, storeIds, now });
      await seedDemoService(db, { tenantId: t.id, storeIds, now });
      await seedDemoVisits(db, { tenantId: t.id, storeIds, now });

      const admin = await signInStaff(t.slug, 'group.admin');
      const board = (await admin.get(`/api/visits/board?storeId=${t.storeId}`)).json();
      const inBay = board.inProgress.find((v: { plate: string | null }) => v.plate === '沪AK2736');
      assert.equal(inBay?.status, 'in_bay', JSON.stringify(board));
      assert.equal(inBay?.undecidedLines, 2);
      // Today's booked cars at this store were checked in: one waits for parts, one is ready.
      assert.ok(board.inProgress.some((v: { status: string }) => v.status === 'waiting_parts'));
      assert.equal(board.delivered.length, 1);
      assert.equal(board.delivered[0].plate, '沪B3M915');
      assert.equal(board.ready.length, 1, 'the harness car’s booking of 09:00 is ready');
      const delivered = (await admin.get(`/api/visits/${board.delivered[0].id}`)).json();
      assert.ok(delivered.repairOrderNumber);
      assert.ok(delivered.nextServiceDate);
      assert.equal(delivered.rating.score, 10);
      assert.equal(delivered.totals.declinedFen, 16_800);

      const owner = await signInOwner(t.slug, '13800000001');
      const [live] = (await owner.get('/api/owner/visits')).json().items;
      assert.equal(live.status, 'in_bay');
      const page = (await owner.get(`/api/owner/visits/${live.id}`)).json();
      assert.deepEqual(
        page.lines.map((l: { status: string }) => l.status),
        ['approved', 'proposed', 'proposed'],
      );
      const inbox = (await owner.get('/api/owner/inbox')).json();
      assert.equal(inbox.unread, 3);
      assert.match(inbox.items[0].body, /沪A·K2736在维修中发现2项需增加的项目/);
      assert.match(inbox.items[1].body, /您的爱车沪A·K2736已进入维修工位/);
    });
});
