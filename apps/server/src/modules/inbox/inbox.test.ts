import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { owners, vehicleBindings } from '../../platform/db/schema/index.ts';
import { afterCommit, withCommitHooks } from '../../platform/events.ts';
import { signInOwner, testApp } from '../../../test/harness.ts';
import { checkInBooked, line, move, visitWorld } from '../visits/test-kit.ts';

type Item = { id: string; topic: string; title: string; body: string; link: string | null; readAt: string | null };

describe('消息中心: the owner inbox', () => {
  test('visit messages arrive unread, in the store’s words; read one, then all', async () => {
    const w = await visitWorld();
    const visitId = await checkInBooked(w);
    await move(w.advisor, visitId, 'in_bay');
    const inbox = (await w.owner.get('/api/owner/inbox')).json();
    assert.equal(inbox.unread, 2);
    const [bay, checkedIn] = inbox.items as Item[];
    assert.ok(bay && checkedIn);
    assert.equal(bay.body, '您的爱车沪A·K2736已进入维修工位，技师正在为您作业。');
    assert.equal(bay.link, `/visits/${visitId}`);
    assert.match(checkedIn.body, /已在一号店完成接车登记，服务顾问service_advisor将全程为您服务/);

    const read = await w.owner.send('POST', `/api/owner/inbox/${bay.id}/read`);
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(read.json().unread, 1);
    assert.equal((await w.owner.send('POST', `/api/owner/inbox/${bay.id}/read`)).json().unread, 1, 'idempotent');
    const all = await w.owner.send('POST', '/api/owner/inbox/read-all');
    assert.deepEqual(all.json(), { ok: true, unread: 0 });
    assert.ok(((await w.owner.get('/api/owner/inbox')).json().items as Item[]).every((i) => i.readAt));

    // Another owner of the tenant can neither read nor mark these.
    const other = await signInOwner(w.t.slug, '13000000098');
    assert.equal((await other.send('POST', `/api/owner/inbox/${checkedIn.id}/read`)).statusCode, 404);
    assert.deepEqual((await other.get('/api/owner/inbox')).json(), { items: [], unread: 0 });
  });

  test('every app account bound to the car hears; estimate and ready also go by SMS; delivery names the next service', async () => {
    const { db } = await testApp();
    const w = await visitWorld();
    await db.transaction({ tenantId: w.t.id }, async ({ db: tx }) => {
      const [o] = await tx.insert(owners).values({ tenantId: w.t.id, phone: '13000000097' }).returning();
      if (!o) throw new Error('no owner');
      await tx
        .insert(vehicleBindings)
        .values({ tenantId: w.t.id, ownerId: o.id, vehicleId: w.t.vehicleId, status: 'confirmed' });
    });
    const second = await signInOwner(w.t.slug, '13000000097');
    const visitId = await checkInBooked(w);
    const drafted = await w.advisor.send('PUT', `/api/visits/${visitId}/estimate`, {
      lines: [line('常规保养', 38_000)],
    });
    await w.advisor.send('POST', `/api/visits/${visitId}/estimate/send`);
    await w.owner.send('POST', `/api/owner/visits/${visitId}/lines/${drafted.json().lines[0].id}/decision`, {
      decision: 'approved',
    });
    await move(w.advisor, visitId, 'in_bay');
    await move(w.advisor, visitId, 'quality_check');
    await move(w.advisor, visitId, 'ready');
    await w.advisor.send('POST', `/api/visits/${visitId}/deliver`, {
      payment: { method: 'alipay', amountFen: 38_000 },
    });

    for (const agent of [w.owner, second]) {
      const items = (await agent.get('/api/owner/inbox')).json().items as Item[];
      assert.deepEqual(
        items.map((i) => i.topic),
        ['visit_delivered', 'visit_status', 'visit_status', 'visit_status', 'visit_estimate', 'visit_status'],
      );
      assert.match(items[0]?.body ?? '', /下次保养：\d{4}年\d{1,2}月\d{1,2}日或行驶至17,345公里（以先到者为准）/);
      assert.match(items[1]?.body ?? '', /请携带取车凭证到一号店服务前台办理交车手续/);
      assert.match(items[4]?.body ?? '', /估价单已生成，共1项，合计¥380\.00/);
    }
    const sms = await db.owner.executeSql(
      `SELECT recipient, topic, body FROM notifications WHERE tenant_id = $1 AND channel = 'sms' AND topic LIKE 'visit_%' ORDER BY recipient, topic`,
      [w.t.id],
    );
    assert.deepEqual(
      sms.rows.map((r) => `${String(r.recipient)} ${String(r.topic)}`),
      [
        '13000000000 visit_estimate',
        '13000000000 visit_ready',
        '13000000097 visit_estimate',
        '13000000097 visit_ready',
      ],
    );
    assert.match(String(sms.rows[1]?.body), /^【测试】尊敬的客户，您的爱车沪A·K2736已完工并通过质检，请携带取车凭证/);
  });

  test('after-commit callbacks run once the transaction commits, and never after a rollback', async () => {
    const { db } = await testApp();
    const hooked = withCommitHooks(db);
    const log = { warn: () => undefined };
    const ran: string[] = [];
    const result = await hooked.transaction({ tenantId: null }, async (tx) => {
      afterCommit({ db: tx.db, log }, () => ran.push('committed'));
      assert.deepEqual(ran, [], 'not before the commit');
      return 42;
    });
    assert.equal(result, 42);
    assert.deepEqual(ran, ['committed']);
    await assert.rejects(
      hooked.transaction({ tenantId: null }, async (tx) => {
        afterCommit({ db: tx.db, log }, () => ran.push('rolled back'));
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.deepEqual(ran, ['committed']);
  });
});
