import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/harness.ts';
import { baseUrl, checkInBooked, line, openStream, visitWorld } from './test-kit.ts';

describe('live events for staff: GET /api/stores/:id/events', () => {
  test('the owner’s decisions, stages and bookings reach the store’s open stream, after commit', async () => {
    const { app } = await testApp();
    const w = await visitWorld();
    const visitId = await checkInBooked(w);
    await w.advisor.send('PUT', `/api/visits/${visitId}/estimate`, { lines: [line('更换雨刮', 12_000, 'part')] });
    const url = `${await baseUrl(app)}/api/stores/${w.t.storeId}/events`;
    const stream = await openStream(url, w.advisor.cookie);
    try {
      await stream.next('connected');
      const sent = await w.advisor.send('POST', `/api/visits/${visitId}/estimate/send`);
      const lineId = sent.json<{ lines: { id: string }[] }>().lines[0]?.id;
      assert.equal((await stream.next('estimate')).data.undecidedLines, 1);

      // The owner approves in the app: the advisor's board and visit page hear of it at once.
      const ok = await w.owner.send('POST', `/api/owner/visits/${visitId}/lines/${lineId}/decision`, {
        decision: 'approved',
      });
      assert.equal(ok.statusCode, 200, ok.body);
      const decided = await stream.next('estimate');
      assert.deepEqual([decided.data.visitId, decided.data.undecidedLines], [visitId, 0]);
      // Sent after the commit: the visit read on the event shows the decision.
      const page = (await w.advisor.get(`/api/visits/${visitId}`)).json<{ lines: { status: string }[] }>();
      assert.equal(page.lines[0]?.status, 'approved');

      // A refused write tells nobody; a stage move does.
      assert.equal(
        (await w.advisor.send('POST', `/api/visits/${visitId}/status`, { status: 'ready' })).statusCode,
        409,
      );
      await w.advisor.send('POST', `/api/visits/${visitId}/status`, { status: 'in_bay' });
      assert.equal((await stream.next('visit')).data.status, 'in_bay');
      assert.ok(!stream.frames.some((f) => f.event === 'inbox'), 'the owner’s inbox stays the owner’s');
    } finally {
      stream.close();
    }
  });

  test('a store of another tenant is 404, another store 403, no session 401', async () => {
    const { app } = await testApp();
    const w = await visitWorld();
    const other = await visitWorld();
    const base = await baseUrl(app);
    const status = async (url: string, cookie: string) => {
      const abort = new AbortController();
      const res = await fetch(url, { headers: { cookie }, signal: abort.signal });
      abort.abort();
      return res.status;
    };
    assert.equal(await status(`${base}/api/stores/${other.t.storeId}/events`, w.advisor.cookie), 404);
    assert.equal(await status(`${base}/api/stores/${w.t.otherStoreId}/events`, w.advisor.cookie), 403);
    assert.equal(await status(`${base}/api/stores/${w.t.storeId}/events`, w.owner.cookie), 401);
    assert.equal(await status(`${base}/api/stores/${w.t.storeId}/events`, ''), 401);
  });
});
