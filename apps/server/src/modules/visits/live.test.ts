import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/harness.ts';
import { baseUrl, checkInBooked, line, move, openStream, visitWorld } from './test-kit.ts';

describe('live events: GET /api/owner/events', () => {
  test('a stage change reaches the owner’s open stream, after it is committed', async () => {
    const { app } = await testApp();
    const w = await visitWorld();
    const visitId = await checkInBooked(w);
    const stream = await openStream(`${await baseUrl(app)}/api/owner/events`, w.owner.cookie);
    try {
      await stream.next('connected');
      await move(w.advisor, visitId, 'in_bay');
      const visit = await stream.next('visit');
      assert.equal(visit.data.visitId, visitId);
      assert.equal(visit.data.status, 'in_bay');
      // Sent after the commit: what the event announces is already readable.
      const page = (await w.owner.get(`/api/owner/visits/${visitId}`)).json();
      assert.equal(page.status, 'in_bay');
      const inbox = await stream.next('inbox');
      assert.equal(inbox.data.title, '车辆已进入维修工位');
      assert.equal(typeof inbox.data.unread, 'number');

      // An estimate sent and a line decided are events too.
      await w.advisor.send('PUT', `/api/visits/${visitId}/estimate`, { lines: [line('更换刹车片', 98_000, 'part')] });
      await w.advisor.send('POST', `/api/visits/${visitId}/estimate/send`);
      const estimate = await stream.next('estimate');
      assert.deepEqual([estimate.data.visitId, estimate.data.undecidedLines], [visitId, 1]);

      // A refused move tells nobody anything.
      const refused = await w.advisor.send('POST', `/api/visits/${visitId}/status`, { status: 'ready' });
      assert.equal(refused.statusCode, 409);
      await move(w.advisor, visitId, 'waiting_parts');
      assert.equal((await stream.next('visit')).data.status, 'waiting_parts');
    } finally {
      stream.close();
    }
  });

  test('no stream without an owner session', async () => {
    const { app } = await testApp();
    const w = await visitWorld();
    assert.equal((await app.inject({ method: 'GET', url: '/api/owner/events' })).statusCode, 401);
    assert.equal((await w.admin.get('/api/owner/events')).statusCode, 401);
  });
});
