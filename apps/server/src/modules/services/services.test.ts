import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type {
  OwnerServiceRequest,
  OwnerServices,
  StaffRequestSummary,
  StaffServiceRequest,
  StoreServices,
} from '@m4s/contracts';
import { createTestTenant, signInOwner, signInStaff } from '../../../test/harness.ts';
import { ownerWith } from '../content/test-kit.ts';
import { enableServices } from './test-kit.ts';

const quote = {
  serviceId: 'insurance_quote',
  answers: { plate: '沪A12345', date: '2027-03-01', cover: 'same' },
};

describe('服务项目: switching services on per store', () => {
  test('a service is offered once it is on and its required settings are filled; the change is audited', async () => {
    const t = await createTestTenant(['group_admin', 'store_manager']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const owner = await signInOwner(t.slug, '13900000201');
    const put = (body: object) => admin.send('PUT', `/api/stores/${t.storeId}/services`, body);
    let res = await put({ serviceId: 'rescue', enabled: true });
    assert.equal(res.statusCode, 200, res.body);
    const rescue = res.json<StoreServices>().items.find((i) => i.serviceId === 'rescue');
    assert.deepEqual([rescue?.enabled, rescue?.offered, rescue?.missing], [true, false, ['rescueLine']]);
    let offered = (await owner.get('/api/owner/services')).json<OwnerServices>();
    assert.deepEqual(
      offered.items.map((i) => i.id),
      [],
      'a rescue without its rescue line is not offered',
    );
    res = await put({ serviceId: 'rescue', enabled: true, settings: { rescueLine: '400-820-1234' } });
    assert.equal(res.json<StoreServices>().items.find((i) => i.serviceId === 'rescue')?.offered, true);
    offered = (await owner.get('/api/owner/services')).json<OwnerServices>();
    assert.deepEqual(
      offered.items.map((i) => i.id),
      ['rescue'],
    );
    assert.deepEqual(offered.items[0]?.storeIds, [t.storeId]);
    assert.deepEqual(offered.stores[0]?.calls.find((c) => c.key === 'rescueLine')?.number, '400-820-1234');

    const bad = await put({ serviceId: 'rescue', enabled: true, settings: { rescueLine: 'call me' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /请输入有效的电话号码/);
    assert.equal((await put({ serviceId: 'rescue', enabled: true, settings: { x: '1' } })).statusCode, 400);
    assert.equal((await put({ serviceId: 'no_such', enabled: true })).statusCode, 400);
    const audit = await admin.get('/api/audit?action=service.store_setting_changed');
    assert.equal(audit.json<{ items: unknown[] }>().items.length, 2);

    const manager = await signInStaff(t.slug, 'store.manager');
    const other = await manager.send('PUT', `/api/stores/${t.otherStoreId}/services`, {
      serviceId: 'car_wash',
      enabled: true,
    });
    assert.equal(other.statusCode, 403, 'a store manager switches only their own store');
    const advisorless = await signInStaff(t.slug, 'store.manager');
    assert.equal((await advisorless.get('/api/services/catalogue')).json<{ items: unknown[] }>().items.length, 12);
  });
});

describe('a request is a case: the owner asks, staff take it step by step, the owner sees it live', () => {
  test('roadside rescue: consent for the position, the highest priority, dispatched with driver and ETA', async () => {
    const t = await createTestTenant(['service_advisor', 'cs_specialist']);
    await enableServices(t.id, t.storeId, { rescue: { rescueLine: '400-820-1234' }, insurance_quote: {} });
    const { ownerId } = await ownerWith(t, {
      phone: '13900000211',
      vin: 'LFV2A21K8J3000211',
      storeId: t.storeId,
      tier: null,
      rfm: null,
    });
    const owner = await signInOwner(t.slug, '13900000211');
    const ask = (body: object) =>
      owner.send('POST', '/api/owner/service-requests', { serviceId: 'rescue', storeId: t.storeId, ...body });
    const answers = { trouble: 'tyre', contact: '13900000211' };

    let res = await ask({ answers, location: { lat: 31.23, lng: 121.47, accuracy: 20 } });
    assert.equal(res.statusCode, 400, 'the position is refused without consent');
    assert.match(res.body, /同意/);
    res = await ask({ answers });
    assert.equal(res.statusCode, 400, 'without the position the address is required');
    assert.match(res.body, /地址/);
    res = await ask({
      answers: { ...answers, trouble: 'alien' },
      locationConsent: true,
      location: { lat: 31.2, lng: 121.4 },
    });
    assert.equal(res.statusCode, 400, 'an answer outside the options');
    res = await ask({ answers: { ...answers, bogus: 'x' }, address: '' });
    assert.equal(res.statusCode, 400, 'an unknown field');
    res = await ask({
      answers,
      photo: 'data:image/png;base64,AAAA',
      locationConsent: true,
      location: { lat: 31.2, lng: 121.4 },
    });
    assert.equal(res.statusCode, 400, 'a photo that is no image');

    // The owner's stream carries every request of theirs (the quote below too): this rescue's events are counted.
    const heard: { requestId: string; status: string }[] = [];
    const { subscribeOwner } = await import('../../platform/events.ts');
    const stop = subscribeOwner(t.id, ownerId, (e) => {
      if (e.type === 'service') heard.push(e.data);
    });
    res = await ask({ answers, locationConsent: true, location: { lat: 31.23, lng: 121.47, accuracy: 20 } });
    assert.equal(res.statusCode, 201, res.body);
    const made = res.json<OwnerServiceRequest>();
    assert.equal(made.status, 'received');
    assert.equal(made.hasLocation, true);
    assert.equal(made.priority, 1);
    assert.equal(Date.parse(made.dueAt) - Date.parse(made.createdAt), 30 * 60_000);
    assert.deepEqual(
      made.calls.map((c) => c.key),
      ['rescueLine'],
    );
    const again = await ask({ answers: { ...answers, address: '中山路1号' } });
    assert.equal(again.statusCode, 400, 'one rescue at a time');
    assert.match(again.body, /进行中的救援/);
    // The rescue plugin's reader sees rescue cases only: an open quote does not stop a rescue elsewhere.
    const q = await owner.send('POST', '/api/owner/service-requests', { ...quote, storeId: t.storeId });
    assert.equal(q.statusCode, 201, q.body);

    const advisor = await signInStaff(t.slug, 'service.advisor');
    const queue = (await advisor.get('/api/service-requests')).json<{ items: StaffRequestSummary[] }>().items;
    assert.deepEqual(
      queue.map((i) => i.serviceId),
      ['rescue'],
      "the advisor's queue holds their role's services",
    );
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const csQueue = (await cs.get('/api/service-requests')).json<{ items: StaffRequestSummary[] }>().items;
    assert.deepEqual(
      csQueue.map((i) => i.serviceId),
      ['insurance_quote'],
    );
    const step = (to: string, details: object = {}) =>
      advisor.send('POST', `/api/service-requests/${made.id}/advance`, { to, details });
    assert.equal((await step('arrived')).statusCode, 400, 'steps go in order');
    const noDriver = await step('dispatched', { etaMinutes: 20 });
    assert.equal(noDriver.statusCode, 400);
    assert.match(noDriver.body, /details\.driver/);
    res = await step('dispatched', { driver: '王师傅', etaMinutes: 25 });
    assert.equal(res.statusCode, 200, res.body);
    const seen = (await owner.get(`/api/owner/service-requests/${made.id}`)).json<OwnerServiceRequest>();
    assert.equal(seen.status, 'dispatched');
    assert.equal(seen.current.driver, '王师傅');
    const sent = seen.events.find((e) => e.status === 'dispatched')?.at ?? '';
    assert.equal(seen.current.etaAt, new Date(Date.parse(sent) + 25 * 60_000).toISOString());
    assert.equal(seen.cancellable, false);
    const cancel = await owner.send('POST', `/api/owner/service-requests/${made.id}/cancel`);
    assert.equal(cancel.statusCode, 400, 'a dispatched rescue is not withdrawn in the app');
    const inbox = (await owner.get('/api/owner/inbox')).json<{ items: { title: string; body: string }[] }>().items;
    assert.ok(
      inbox.some((m) => m.title === '救援车已出发' && m.body.includes('王师傅')),
      'the hook told the owner',
    );
    assert.equal((await step('arrived')).statusCode, 200);
    res = await step('done');
    assert.equal(res.json<StaffServiceRequest>().closed, true);
    assert.equal((await step('done')).statusCode, 400, 'a closed case takes no step');
    stop();
    const events = heard.filter((e) => e.requestId === made.id).map((e) => e.status);
    assert.deepEqual(events, ['received', 'dispatched', 'arrived', 'done'], 'each step reached the open page');
  });

  test('the owner sees only their requests; a case of another store is not in the queue', async () => {
    const t = await createTestTenant(['service_advisor', 'cs_specialist', 'group_admin']);
    await enableServices(t.id, t.storeId, { insurance_quote: {} });
    await enableServices(t.id, t.otherStoreId, { insurance_quote: {} });
    const a = await signInOwner(t.slug, '13900000221');
    const b = await signInOwner(t.slug, '13900000222');
    const mine = (
      await a.send('POST', '/api/owner/service-requests', { ...quote, storeId: t.storeId })
    ).json<OwnerServiceRequest>();
    const elsewhere = await a.send('POST', '/api/owner/service-requests', { ...quote, storeId: t.otherStoreId });
    assert.equal(elsewhere.statusCode, 201);
    assert.equal((await b.get(`/api/owner/service-requests/${mine.id}`)).statusCode, 404);
    assert.equal((await b.send('POST', `/api/owner/service-requests/${mine.id}/cancel`)).statusCode, 404);
    assert.deepEqual((await b.get('/api/owner/service-requests')).json<{ items: unknown[] }>().items, []);
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const queue = (await cs.get('/api/service-requests')).json<{ items: StaffRequestSummary[] }>().items;
    assert.deepEqual(
      queue.map((i) => i.id),
      [mine.id],
      "only the specialist's store",
    );
    assert.equal((await cs.get(`/api/service-requests/${elsewhere.json<OwnerServiceRequest>().id}`)).statusCode, 404);
    const admin = await signInStaff(t.slug, 'group.admin');
    const all = (await admin.get('/api/service-requests?scope=store')).json<{ items: unknown[] }>().items;
    assert.equal(all.length, 2, "the group's admin sees every store's");
    const gone = await a.send('POST', `/api/owner/service-requests/${mine.id}/cancel`);
    assert.equal(gone.statusCode, 200, 'a request nobody acted on is withdrawn');
    assert.equal((await cs.get('/api/service-requests')).json<{ items: unknown[] }>().items.length, 0);
    const notOffered = await a.send('POST', '/api/owner/service-requests', {
      ...quote,
      serviceId: 'car_wash',
      storeId: t.storeId,
    });
    assert.equal(notOffered.statusCode, 400);
    assert.match(notOffered.body, /暂未开通/);
  });
});
