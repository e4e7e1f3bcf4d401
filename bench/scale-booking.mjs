// Booking and the live visit page on the million-customer data set (issue 4), run by scale-run.mjs while
// its server is up: staff bookings with 50 clients at once, the 14-day availability as the apps ask for
// it, and how long a stage change takes to reach the owner's open event stream. The floor is the same
// server's signed-in /me, measured the same way in the same minutes, so the ratios hold on a noisy box.
import path from 'node:path';
import { freePort } from '../scripts/pg-cluster.mjs';
import { postmasterPid } from './proc-cpu.mjs';
import { startProcess, stopProcess, waitHealthy } from './procs.mjs';
import {
  adminClient,
  benchOwnerPhone,
  benchStore,
  must,
  purgeBookings,
  sampleCars,
  setupStore,
} from './booking-setup.mjs';
import { lanesOf, loadSampler, runLanes, shuffled, stats } from './lanes.mjs';
import { finishVisit, measureLive, ownerSession, ownerVisit } from './scale-live.mjs';

const ms = (n) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '—');
const x = (a, b) => (Number.isFinite(a / b) ? `${(a / b).toFixed(1)}×` : '—');
const cpuWords = (r) =>
  r.cpu ? `${r.cpu.server.toFixed(2)} + ${r.cpu.pg.toFixed(2)} = ${(r.cpu.server + r.cpu.pg).toFixed(2)}` : '';

/** The baseline prints its port once it listens. */
const waitListening = async (proc) => {
  for (let i = 0; i < 600 && !/listening on \d+/.test(proc.output()); i++) {
    if (proc.child.exitCode !== null) throw new Error(`baseline exited:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return proc.output();
};

const post = async (base, path, cookie, body) => {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { ok: res.ok, status: res.status, text, json: res.ok ? JSON.parse(text) : null };
};

/** `serverPid`: the server process, for CPU per request (with the cluster's, from its postmaster). */
export const bookingPart = async ({
  base,
  cluster,
  headers,
  log,
  serverPid,
  concurrency = 8,
  clients = 50,
  perClient = 20,
  samples = 200,
}) => {
  const t0 = Date.now();
  const load = loadSampler();
  const pgPid = postmasterPid(cluster.dir);
  const pids = serverPid && pgPid ? { server: serverPid, postgres: pgPid } : null;
  const admin = await adminClient(base, headers.cookie);
  const setup = await setupStore(admin, log);
  const { storeId, serviceTypeId } = setup;
  const availPath = `/api/stores/${storeId}/availability?days=14&serviceTypeId=${serviceTypeId}`;
  const leftovers = await purgeBookings(cluster.url, storeId);
  if (leftovers > 0) log(`removed ${leftovers} bookings earlier runs left at ${benchStore.code}`);

  // Every place the staff channel may book from an hour ahead (none can turn "too soon" mid-run), each
  // taken once: all attempts should succeed, so any non-2xx counts as a failure.
  const slots = (await must('availability', admin('GET', availPath))).days.flatMap((d) => d.slots);
  const soonest = Date.now() + 3600_000;
  const places = shuffled(
    slots.filter((s) => Date.parse(s.startsAt) > soonest).flatMap((s) => Array(s.free).fill(s.startsAt)),
  );
  const [warm, oneByOne] = [10, 50];
  // Half the places for the real server, half for the bare baseline's bookings.
  const per = Math.max(1, Math.min(perClient, Math.floor((places.length - 2 * warm - oneByOne) / clients / 2)));
  if (per < perClient) log(`only ${places.length} free places in 14 days: ${per} bookings per client`);
  const { ownerCar, cars } = await sampleCars(cluster.url, 2 * warm + oneByOne + 2 * clients * per);
  const runId = Date.now().toString(36);
  const jobs = cars.map((car, i) => ({ car, startsAt: places[i], key: `bench-${runId}-${i}` }));
  const book = ({ car, startsAt, key }) =>
    admin(
      'POST',
      '/api/bookings',
      {
        customerId: car.customerId,
        vehicleId: car.vehicleId,
        storeId,
        serviceTypeId,
        startsAt,
        advisorId: null,
        concerns: '压测预约',
        channel: 'phone',
        pickup: null,
      },
      { 'idempotency-key': key },
    );

  log('owner: session (OTP sign-in when none is kept), car binding, check-in');
  const owner = await ownerSession(base, benchOwnerPhone, path.join(cluster.dir, 'bench-owner-session.json'));
  const visit = await ownerVisit({ admin, owner: owner.api, car: ownerCar, storeId, dbUrl: cluster.url });

  // The bare baseline (bench/baseline-server.ts POST /book) on the same database, for the same bookings.
  const bare = startProcess('baseline', ['--import', 'tsx', path.join('bench', 'baseline-server.ts')], {
    DATABASE_URL: cluster.url,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
  });
  const created = [];
  const keep = (r) => created.push(...r.results.map((b) => b.id));
  try {
    const bareBase = `http://127.0.0.1:${/listening on (\d+)/.exec(await waitListening(bare))?.[1]}`;
    await waitHealthy(bare, `${bareBase}/health`, Date.now());
    const bareBook = ({ car, startsAt, key }) =>
      post(bareBase, '/book', headers.cookie, {
        ...{ customerId: car.customerId, vehicleId: car.vehicleId, storeId, serviceTypeId, startsAt, key },
        durationMinutes: 90,
      });
    const r = {};
    const me = () => admin('GET', '/api/auth/staff/me');
    const many = (n, lanes) => lanesOf(Array(n).fill(null), lanes);
    keep(await runLanes([jobs.slice(0, warm)], book));
    r.meOne = await runLanes(many(samples, 1), me, pids);
    r.meSome = await runLanes(many(samples, concurrency), me, pids);
    r.meMany = await runLanes(many(clients * 10, clients), me, pids);
    r.bookOne = await runLanes([jobs.slice(warm, warm + oneByOne)], book, pids);
    keep(r.bookOne);
    const manyJobs = jobs.slice(warm + oneByOne);
    r.bookMany = await runLanes(lanesOf(manyJobs.slice(0, clients * per), clients), book, pids);
    keep(r.bookMany);
    const barePids = pgPid ? { server: bare.child.pid, postgres: pgPid } : null;
    keep(await runLanes([manyJobs.slice(clients * per, clients * per + warm)], bareBook));
    r.bareMany = await runLanes(lanesOf(manyJobs.slice(clients * per + warm), clients), bareBook, barePids);
    keep(r.bareMany);
    await stopProcess(bare);
    log(
      `bookings: one at a time p50 ${ms(r.bookOne.p50)} | ${clients} clients ${r.bookMany.ok} in ${r.bookMany.wallS.toFixed(1)} s = ${r.bookMany.rate.toFixed(1)}/s p50 ${ms(r.bookMany.p50)} p99 ${ms(r.bookMany.p99)} (/me p99 ${ms(r.meMany.p99)})${r.bookMany.failures ? `  FAILURES ${r.bookMany.failures}: ${r.bookMany.errors[0]}` : ''}`,
    );

    const avail = () => admin('GET', availPath);
    await runLanes(many(20, 1), avail);
    r.availOne = await runLanes(many(samples, 1), avail, pids);
    r.availSome = await runLanes(many(samples, concurrency), avail, pids);
    const ownerPath = `/api/owner/stores/${storeId}/availability?days=14&serviceTypeId=${serviceTypeId}`;
    r.availOwner = await runLanes(many(samples, 1), () => owner.api('GET', ownerPath), pids);
    log(
      `availability 14 days: p95 ${ms(r.availOne.p95)} (/me ${ms(r.meOne.p95)}) | ${concurrency} clients ${ms(r.availSome.p95)} | owner ${ms(r.availOwner.p95)}`,
    );

    const live = await measureLive({ base, admin, ownerCookie: owner.cookie, visit, moves: samples });
    // Delivered, and the messages read, so the next run starts a new visit with one event, not this one's 200.
    await finishVisit({ admin, owner: owner.api, visitId: visit.visitId, status: live.status });
    log(
      `stage change: POST p95 ${ms(stats(live.post).p95)} | owner's stream p95 ${ms(stats(live.push).p95)}${live.failures + live.lost ? `  FAILED ${live.failures}, LOST ${live.lost}` : ''}`,
    );

    r.cancelMany = await runLanes(
      lanesOf(created.splice(0), clients),
      (id) => admin('POST', `/api/bookings/${id}/cancel`, { reason: '压测结束' }),
      pids,
    );
    const settings = await must('settings', admin('GET', `/api/stores/${storeId}/booking-settings`));
    const facts = {
      ...r,
      live,
      load: load(),
      setup,
      settings,
      slots: slots.length,
      places: places.length,
      clients,
      per,
      warm,
      concurrency,
      seconds: (Date.now() - t0) / 1000,
    };
    return { markdown: report(facts), facts };
  } finally {
    await stopProcess(bare);
    await purgeBookings(cluster.url, storeId);
  }
};

const report = (f) => {
  const post = stats(f.live.post);
  const push = stats(f.live.push);
  const extra = stats(f.live.extra);
  const s = f.settings;
  const row = (name, r, vs, bold = {}) => {
    const b = (key, text) => (bold[key] ? `**${text}**` : text);
    const failed = r.failures ? ` (${r.failures} failed)` : '';
    return `| ${name} | ${r.n} | ${ms(r.p50)} | ${b('p95', ms(r.p95))} | ${b('p99', ms(r.p99))} | ${vs} | ${b('rate', `${r.rate.toFixed(1)}/s`)}${failed} | ${cpuWords(r)} |`;
  };
  const c = f.clients;
  const k = f.concurrency;
  return [
    '### Booking, availability and the live visit page (same data, same server)',
    '',
    `Store \`BENCH-BK\`, set up through the API as the group admin: the demo store's opening hours, ${f.setup.advisors} service advisors, ${s.slotMinutes}-minute slots, ${s.bays} bays, ${s.walkInSharePct}% kept for walk-ins, ${s.onlineSharePct}% bookable in the app, lead time ${s.leadMinutes} min: ${f.slots} slots in the next 14 days, ${f.places} staff places an hour or more ahead. Bookings are staff bookings (\`POST /api/bookings\` with an Idempotency-Key, as by phone) for customers' cars drawn from the data, each on a free place of its own, so none should be refused (a non-2xx counts as failed); ${c} clients (one admin session) book ${f.per} each one after another, after ${f.warm} warm-up bookings and 50 one at a time. The bare baseline (\`bench/baseline-server.ts\` \`POST /book\`, started for this part) makes the same bookings with only the SQL a booking cannot do without — the session look-up, then in one transaction the store's cap, the slot counter's guarded UPDATE and the row — on the other half of the places. Every booking of both is cancelled through the API at the end (the cancel row), then deleted with the store's slot counters, so each run finds the store as the first one did. CPU per request: the server process + every PostgreSQL process, from /proc. Load average (1 min) during this part: ${f.load.first.toFixed(1)} at the start, ${f.load.last.toFixed(1)} at the end, ${f.load.max.toFixed(1)} at most.`,
    '',
    '| Request | n | p50 | p95 | p99 | against the /me floor | throughput | CPU ms/request: server + PostgreSQL |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    row('me (floor), one at a time', f.meOne, '1.0×'),
    row(`me (floor), ${k} clients at once`, f.meSome, '1.0×'),
    row(`me (floor), ${c} clients at once`, f.meMany, '1.0×'),
    row('staff booking, one at a time', f.bookOne, `p99 ÷ /me p99: ${x(f.bookOne.p99, f.meOne.p99)}`),
    row(
      `**staff booking, ${c} clients at once**`,
      f.bookMany,
      `p99 ÷ /me p99: **${x(f.bookMany.p99, f.meMany.p99)}**`,
      { p99: 1, rate: 1 },
    ),
    row(
      `bare baseline \`POST /book\` (Fastify + pg: session, counter, row), ${c} clients at once`,
      f.bareMany,
      `real p99 ÷ bare p99: **${x(f.bookMany.p99, f.bareMany.p99)}**; real/bare bookings/s: ${(f.bookMany.rate / f.bareMany.rate).toFixed(2)}×`,
    ),
    row(
      `cancel (gives the place back), ${c} clients at once`,
      f.cancelMany,
      `p99 ÷ /me p99: ${x(f.cancelMany.p99, f.meMany.p99)}`,
    ),
    row(
      '**availability, 14 days** (staff), one at a time',
      f.availOne,
      `p95 ÷ /me p95: **${x(f.availOne.p95, f.meOne.p95)}**`,
      { p95: 1 },
    ),
    row(
      `availability, 14 days (staff), ${k} clients at once`,
      f.availSome,
      `p95 ÷ /me p95: ${x(f.availSome.p95, f.meSome.p95)}`,
    ),
    row(
      'availability, 14 days (owner app), one at a time',
      f.availOwner,
      `p95 ÷ /me p95: ${x(f.availOwner.p95, f.meOne.p95)}`,
    ),
    `| stage change \`POST /api/visits/:id/status\`, its response | ${post.n} | ${ms(post.p50)} | ${ms(post.p95)} | ${ms(post.p99)} | p95 ÷ /me p95: ${x(post.p95, f.meOne.p95)} | ${f.live.failures ? `${f.live.failures} failed` : ''} | |`,
    `| **→ the owner's open \`/api/owner/events\` has it** (from sending the POST) | ${push.n} | ${ms(push.p50)} | **${ms(push.p95)}** | ${ms(push.p99)} | event − response: p50 ${ms(extra.p50)}, p95 ${ms(extra.p95)} | ${f.live.lost ? `${f.live.lost} never arrived` : ''} | |`,
    '',
    `Stage changes go round in_bay ⇄ waiting_parts on a visit of the owner's car (bound in the app, confirmed by the store, checked in as a walk-in; delivered at the end, so each run has a new one), one after another; the owner's stream is one \`fetch\` reading the event stream in the same client process. The server writes the event when the transaction has committed, just before it sends the answer, so the event's delay is the request's own time ${Math.abs(extra.p95) <= 2 ? `and the push adds nothing measurable (p95 ${ms(extra.p95)} after the answer)` : `plus ${ms(extra.p95)} (p95) after the answer`}.`,
    ...(f.bookMany.failures
      ? ['', `Booking failures (first three): ${f.bookMany.errors.slice(0, 3).join('; ')}.`]
      : []),
    '',
    `Booking part: ${f.seconds.toFixed(1)} s.`,
    '',
  ].join('\n');
};
