import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testApp } from '../../../test/harness.ts';
import { checkInBooked, line, move, visitWorld } from './test-kit.ts';

/** The shared test app on a real port (light-my-request cannot stream); every test file may ask. */
const baseUrl = async (app: FastifyInstance) => {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
};

type Frame = { event: string; data: Record<string, unknown> };

/** An owner's open event stream: frames as they arrive, and a wait for the next one of a kind. */
const openStream = async (url: string, cookie: string) => {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { cookie }, signal: abort.signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const body = res.body;
  if (!body) throw new Error('no body');
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const frames: Frame[] = [];
  const pump = async () => {
    const { value, done } = await reader.read();
    if (done) throw new Error('stream ended');
    buffer += decoder.decode(value, { stream: true });
    let cut = buffer.indexOf('\n\n');
    while (cut >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (event && data) frames.push({ event, data: JSON.parse(data) as Record<string, unknown> });
      if (block.includes(': connected')) frames.push({ event: 'connected', data: {} });
      cut = buffer.indexOf('\n\n');
    }
  };
  const next = async (event: string, timeoutMs = 10_000): Promise<Frame> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = frames.findIndex((f) => f.event === event);
      if (i >= 0) return frames.splice(i, 1)[0] as Frame;
      if (Date.now() > deadline) throw new Error(`no ${event} event`);
      await Promise.race([pump(), new Promise((r) => setTimeout(r, deadline - Date.now()))]);
    }
  };
  return { next, frames, close: () => abort.abort() };
};

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
