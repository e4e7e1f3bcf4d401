// The live part of the booking benchmark: how long after a stage change the owner's open
// GET /api/owner/events connection hears of it. The owner signs in with the OTP from the dev outbox
// (the server runs with NODE_ENV=test), binds a car from the data set by plate and VIN last six, the
// store confirms, and the car is checked in — all through the API, the way the apps do it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { apiClient, must } from './booking-setup.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The owner's session: the one an earlier run kept next to the data set while it is still valid, else a
 * new one (OTP → dev outbox → sign-in). Kept because the OTP rules allow 5 codes an hour per phone, and
 * a new app account per run would pile up bindings to the car (every bound account hears of each stage).
 */
export const ownerSession = async (base, phone, cacheFile) => {
  if (existsSync(cacheFile)) {
    const { cookie } = JSON.parse(readFileSync(cacheFile, 'utf8'));
    const me = await fetch(`${base}/api/auth/owner/me`, { headers: { cookie } });
    if (me.ok) return { api: apiClient(base, cookie, (await me.json()).csrfToken), cookie, reused: true };
  }
  const session = await signInOwner(base, phone);
  writeFileSync(cacheFile, JSON.stringify({ phone, cookie: session.cookie }));
  return { ...session, reused: false };
};

/** OTP → dev outbox → sign-in; returns the owner's API client and cookie. */
const signInOwner = async (base, phone) => {
  const post = (path, body) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const asked = Date.now();
  let otp = await post('/api/auth/owner/otp', { tenant: 'demo', phone });
  // A rerun within the minute meets the cooldown: wait it out once rather than fail the run.
  if (otp.status === 429) {
    const wait = (await otp.json()).details?.retryAfterSeconds ?? 60;
    if (wait > 120) throw new Error(`owner OTP: rate-limited for ${wait} s (5 codes an hour per phone)`);
    await sleep((wait + 1) * 1000);
    otp = await post('/api/auth/owner/otp', { tenant: 'demo', phone });
  }
  if (!otp.ok) throw new Error(`owner OTP → ${otp.status} ${await otp.text()}`);
  let code = null;
  // The SMS leaves through the outbox job, a moment after the request.
  for (let i = 0; i < 60 && !code; i++) {
    const { items } = await fetch(`${base}/dev/outbox.json`).then((r) => r.json());
    const sms = items.find((m) => m.channel === 'sms' && m.to === phone && Date.parse(m.sentAt) >= asked - 1000);
    code = sms ? /(\d{6})/.exec(sms.body)?.[1] : null;
    if (!code) await sleep(500);
  }
  if (!code) throw new Error('no OTP in /dev/outbox.json after 30 s');
  const res = await post('/api/auth/owner/sign-in', { tenant: 'demo', phone, code });
  if (!res.ok) throw new Error(`owner sign-in → ${res.status} ${await res.text()}`);
  const me = await res.json();
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c?.startsWith('m4s_owner='));
  if (!cookie) throw new Error('owner sign-in set no m4s_owner cookie');
  return { api: apiClient(base, cookie, me.csrfToken), cookie };
};

const payment = { payment: { method: 'wechat', amountFen: 38_000 } };

/** The car's highest odometer so far, so the check-in reading is not refused as going backwards. */
const lastKm = async (url, car) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // With the tenant: the indexes on these tables lead with tenant_id.
    const { rows } = await client.query(
      `SELECT greatest((SELECT max(mileage_km) FROM repair_orders WHERE tenant_id = $1 AND vehicle_id = $2),
                       (SELECT max(km) FROM mileage_readings WHERE tenant_id = $1 AND vehicle_id = $2),
                       (SELECT max(mileage_km) FROM visits WHERE tenant_id = $1 AND vehicle_id = $2), 0) AS km`,
      [car.tenantId, car.vehicleId],
    );
    return Number(rows[0]?.km ?? 0);
  } finally {
    await client.end();
  }
};

/**
 * The owner's confirmed car and a visit of it at the bench store: checked in now, or the one a run that
 * stopped before finishVisit left open (one open visit per car).
 */
export const ownerVisit = async ({ admin, owner, car, storeId, dbUrl }) => {
  const garage = await must('GET /api/owner/vehicles', owner('GET', '/api/owner/vehicles'));
  if (!garage.vehicles.some((v) => v.vehicleId === car.vehicleId)) {
    const claim = { vinLast6: car.vin.slice(-6), plate: car.plate };
    const binding = await must('bind', owner('POST', '/api/owner/vehicles/bind', claim));
    if (binding.status !== 'confirmed') {
      const pending = (await must('bindings', admin('GET', '/api/vehicle-bindings?status=pending'))).items;
      const mine = pending.find((b) => b.vehicle.id === car.vehicleId);
      if (!mine) throw new Error('the binding request is not in the pending list');
      const decision = { decision: 'confirmed', reason: null };
      await must('confirm binding', admin('POST', `/api/vehicle-bindings/${mine.id}/decision`, decision));
    }
  }
  const visits = (await must('GET /api/owner/visits', owner('GET', '/api/owner/visits'))).items;
  const open = visits.find((v) => v.status !== 'delivered');
  if (open && open.status !== 'ready') return { visitId: open.id, status: open.status };
  // Stopped between ready and delivered: hand that car over first (one open visit per car).
  if (open) await must('deliver', admin('POST', `/api/visits/${open.id}/deliver`, payment));
  const visit = await must(
    'check-in',
    admin('POST', '/api/visits', {
      customerId: car.customerId,
      vehicleId: car.vehicleId,
      storeId,
      mileageKm: Math.min(2_000_000, (await lastKm(dbUrl, car)) + 1000),
      concerns: '压测：实时推送',
      inspectionNotes: null,
      promisedAt: null,
    }),
  );
  return { visitId: visit.id, status: visit.status };
};

/**
 * 交车 through the API: an estimate line the owner approves by phone, quality check, ready, delivered with
 * payment; then the owner reads the messages (全部已读), as the app would.
 */
export const finishVisit = async ({ admin, owner, visitId, status }) => {
  const path = `/api/visits/${visitId}`;
  const line = { kind: 'labour', description: '常规保养工时', labourHours: 1, amountFen: 38_000, costFen: 0 };
  await must('estimate', admin('PUT', `${path}/estimate`, { lines: [line] }));
  const sent = await must('send estimate', admin('POST', `${path}/estimate/send`));
  for (const l of sent.lines.filter((x) => x.status === 'proposed'))
    await must('approve', admin('POST', `${path}/lines/${l.id}/decision`, { decision: 'approved', via: 'phone' }));
  const steps = { checked_in: ['in_bay'], waiting_parts: ['in_bay'] }[status] ?? [];
  for (const to of [...steps, 'quality_check', 'ready'])
    await must(`to ${to}`, admin('POST', `${path}/status`, { status: to, note: null }));
  await must('deliver', admin('POST', `${path}/deliver`, payment));
  await must('read all', owner('POST', '/api/owner/inbox/read-all'));
};

/** The owner's event stream, read continuously; `waitFor` resolves with the time a matching frame arrived. */
const openStream = async (base, cookie) => {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/owner/events`, { headers: { cookie }, signal: abort.signal });
  if (res.status !== 200 || !res.body) throw new Error(`GET /api/owner/events → ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const waiters = [];
  let buffer = '';
  let connected = false;
  const pump = async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const at = performance.now();
      buffer += decoder.decode(value, { stream: true });
      for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (block.includes(': connected')) connected = true;
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (!event || !data) continue;
        const frame = { event, data: JSON.parse(data), at };
        const i = waiters.findIndex((w) => w.match(frame));
        if (i >= 0) waiters.splice(i, 1)[0].resolve(frame.at);
      }
    }
  };
  const pumping = pump().catch(() => {});
  for (let i = 0; i < 100 && !connected; i++) await sleep(20);
  if (!connected) throw new Error('the event stream did not say connected');
  const waitFor = (match, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      const w = { match, resolve };
      waiters.push(w);
      setTimeout(() => {
        const i = waiters.indexOf(w);
        if (i < 0) return;
        waiters.splice(i, 1);
        reject(new Error(`no event within ${timeoutMs} ms`));
      }, timeoutMs).unref();
    });
  return {
    waitFor,
    close: async () => {
      abort.abort();
      await pumping;
    },
  };
};

// The stages that may follow each other forever (contracts visitTransitions): never ready, never delivered.
const nextStage = { checked_in: 'in_bay', in_bay: 'waiting_parts', waiting_parts: 'in_bay', quality_check: 'in_bay' };

/**
 * `moves` stage changes one after another by staff, each timed twice from the moment the POST leaves:
 * until its response has arrived, and until the owner's stream has the `visit` event for it.
 */
export const measureLive = async ({ base, admin, ownerCookie, visit, moves }) => {
  const stream = await openStream(base, ownerCookie);
  const post = [];
  const push = [];
  let failures = 0;
  let status = visit.status;
  try {
    for (let i = 0; i < moves; i++) {
      const to = nextStage[status];
      if (!to) throw new Error(`the bench visit is at ${status}, which cannot go round`);
      const heard = stream.waitFor(
        (f) => f.event === 'visit' && f.data.visitId === visit.visitId && f.data.status === to,
      );
      const t0 = performance.now();
      const res = await admin('POST', `/api/visits/${visit.visitId}/status`, { status: to, note: null });
      const answered = performance.now();
      if (!res.ok) {
        failures++;
        heard.catch(() => {});
        const now = await must('GET visit', admin('GET', `/api/visits/${visit.visitId}`));
        status = now.status;
        continue;
      }
      status = to;
      post.push(answered - t0);
      const at = await heard.catch(() => NaN);
      if (Number.isFinite(at)) push.push({ push: at - t0, extra: at - answered });
    }
  } finally {
    await stream.close();
  }
  return {
    post,
    push: push.map((p) => p.push),
    // How long after the advisor's own answer the owner had it (negative: before).
    extra: push.map((p) => p.extra),
    failures,
    lost: post.length - push.length,
    status,
  };
};
