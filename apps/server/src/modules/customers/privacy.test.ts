import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff, testApp, testClock } from '../../../test/harness.ts';
import { candidate, gate } from '../contact/test-kit.ts';
import { checkInBooked, jpegDataUrl, line, move, ownerPhone, plate, visitWorld } from '../visits/test-kit.ts';

describe('customer privacy: search by car, PIPL export and erasure', () => {
  test('a customer is found by plate or VIN fragments', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const c = (
      await admin.send('POST', '/api/customers', { name: '车牌查询客户', phones: ['15800002222'], source: 'walk_in' })
    ).json();
    await admin.send('POST', '/api/vehicles', { vin: 'JH4KA7561PC008269', plate: '浙A·12345', ownerId: c.id });
    for (const q of ['浙A1', 'a123', 'PC0082', '008269']) {
      const items = (await admin.get(`/api/customers?q=${encodeURIComponent(q)}`)).json().items;
      assert.ok(
        items.some((i: { id: string }) => i.id === c.id),
        `not found by ${q}`,
      );
    }
  });

  test('the export holds everything unmasked and is audited; only permitted roles may export', async () => {
    const t = await createTestTenant(['group_admin', 'cashier']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const res = await admin.get(`/api/customers/${t.customerId}/export`);
    assert.equal(res.statusCode, 200, res.body);
    const data = res.json();
    assert.equal(data.customer.phones[0].phone, '13000000000');
    assert.equal(data.vehicles.length, 1);
    const audit = (await admin.get('/api/audit?action=customer.exported')).json().items;
    assert.equal(audit.length, 1);
    const cashier = await signInStaff(t.slug, 'cashier');
    assert.equal((await cashier.get(`/api/customers/${t.customerId}/export`)).statusCode, 403);
  });

  test('erasure blanks the person but keeps the car and its repair orders; it is audited', async () => {
    const { db } = await testApp();
    const t = await createTestTenant(['group_admin', 'store_manager']);
    const admin = await signInStaff(t.slug, 'group.admin');
    await admin.send('POST', '/api/repair-orders', {
      number: 'RO-E-1',
      vehicleId: t.vehicleId,
      type: 'maintenance',
      dateIn: '2025-01-01T00:00:00Z',
      lines: [{ kind: 'labour', description: '保养', amountFen: 10000 }],
    });
    await admin.send('POST', `/api/customers/${t.customerId}/interactions`, {
      channel: 'phone',
      summary: '客户说住在某小区',
    });
    const manager = await signInStaff(t.slug, 'store.manager');
    assert.equal(
      (await manager.send('POST', `/api/customers/${t.customerId}/erase`, { reason: '客户申请' })).statusCode,
      403,
    );
    const erased = await admin.send('POST', `/api/customers/${t.customerId}/erase`, {
      reason: '客户书面申请注销（PIPL 第47条）',
    });
    assert.equal(erased.statusCode, 200, erased.body);
    assert.equal((await admin.get(`/api/customers/${t.customerId}`)).statusCode, 404);
    const left = await db.owner.executeSql(
      `SELECT c.name, c.id_number, (SELECT count(*)::int FROM customer_phones p WHERE p.tenant_id = c.tenant_id AND p.customer_id = c.id) AS phones,
              (SELECT count(*)::int FROM interactions i WHERE i.tenant_id = c.tenant_id AND i.customer_id = c.id) AS talks,
              (SELECT count(*)::int FROM repair_orders r WHERE r.tenant_id = c.tenant_id AND r.customer_id = c.id) AS orders,
              (SELECT count(*)::int FROM vehicles v WHERE v.tenant_id = c.tenant_id AND v.owner_id = c.id) AS cars
       FROM customers c WHERE c.tenant_id = $1 AND c.id = $2`,
      [t.id, t.customerId],
    );
    assert.deepEqual(left.rows[0], { name: '已注销客户', id_number: null, phones: 0, talks: 0, orders: 1, cars: 1 });
    const audit = (await admin.get('/api/audit?action=customer.erased')).json().items;
    assert.equal(audit[0].details.reason, '客户书面申请注销（PIPL 第47条）');
  });
});

// ── The whole person: every module's part of the export, and nothing of them left after erasure ─────────

/** The test car's plate is 沪AK2736, quoted 沪A·K2736 in messages: its serial `K2736` finds both. */
const person = { name: '隐私王小明', owner: '测试车主', phone: ownerPhone, plate, serial: plate.slice(-5) };

/**
 * Every text, json and array column of every tenant table (read from information_schema, so a new table is
 * covered by itself), with how many of the tenant's rows hold `needle`.
 */
const rowsHolding = async (tenantId: string, needle: string) => {
  const { db } = await testApp();
  const { rows: columns } = await db.owner.executeSql(
    `SELECT c.table_name AS t, c.column_name AS c FROM information_schema.columns c
      JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
        AND tb.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
        AND EXISTS (SELECT 1 FROM information_schema.columns k WHERE k.table_schema = 'public'
          AND k.table_name = c.table_name AND k.column_name = 'tenant_id')
      ORDER BY 1, 2`,
  );
  assert.ok(columns.length > 50, `the scan reads the schema: ${JSON.stringify(columns.slice(0, 5))} ${columns.length}`);
  const found: Record<string, number> = {};
  for (const { t, c } of columns) {
    const { rows } = await db.owner.executeSql(
      `SELECT count(*)::int AS n FROM "${String(t)}" WHERE tenant_id = $1 AND strpos("${String(c)}"::text, $2) > 0`,
      [tenantId, needle],
    );
    if (Number(rows[0]?.n) > 0) found[`${String(t)}.${String(c)}`] = Number(rows[0]?.n);
  }
  return found;
};

/** Waits for the notify jobs to have put at least `n` messages in the owner's inbox. */
const inboxOf = async (tenantId: string, ownerId: string, n: number) => {
  const { db } = await testApp();
  for (let i = 0; i < 150; i++) {
    const { rows } = await db.owner.executeSql(
      'SELECT count(*)::int AS n FROM inbox_messages WHERE tenant_id = $1 AND owner_id = $2',
      [tenantId, ownerId],
    );
    if (Number(rows[0]?.n) >= n) return Number(rows[0]?.n);
    await new Promise((r) => setTimeout(r, 100));
  }
  return 0;
};

/**
 * A customer with everything: app account (bound car, session, sign-in code), a booking, a delivered visit
 * with estimate lines, a photo and a rating, touches (an SMS and a call task), inbox messages, a complaint,
 * a timeline entry, rows of an uploaded file, and the person among the car's drivers.
 */
const everything = async () => {
  const w = await visitWorld();
  const { db } = await testApp();
  const { t } = w;
  const { rows: car } = await db.owner.executeSql('SELECT plate FROM vehicles WHERE tenant_id = $1', [t.id]);
  assert.deepEqual(car, [{ plate: person.plate }]);
  const renamed = await w.admin.send('PUT', `/api/customers/${t.customerId}`, {
    name: person.name,
    phones: [person.phone],
    source: 'walk_in',
    email: 'wxm@example.com',
    notes: `${person.name}喜欢周末来店`,
  });
  assert.equal(renamed.statusCode, 200, renamed.body);
  // What the owner typed when booking, and a pick-up address with a phone.
  await db.owner.executeSql(`UPDATE bookings SET concerns = $3, pickup = $4 WHERE tenant_id = $1 AND id = $2`, [
    t.id,
    w.bookingId,
    `${person.name}：左前轮有异响，车牌${person.plate}`,
    JSON.stringify({ address: '某小区3栋', windowStart: '09:00', windowEnd: '10:00', contactPhone: person.phone }),
  ]);
  await db.owner.executeSql(`UPDATE vehicles SET regular_drivers = $3 WHERE tenant_id = $1 AND id = $2`, [
    t.id,
    t.vehicleId,
    JSON.stringify([
      { name: person.name, phone: person.phone, relation: null },
      { name: '李家人', phone: '13700001111', relation: '配偶' },
    ]),
  ]);
  // The contact ledger: a care SMS and a call task, both naming the person and the car.
  const outcomes = await gate(t.id, [
    candidate(t, testClock.now(), { body: `【测试】${person.name}您好，您的爱车${person.plate}该保养了。` }),
    candidate(t, testClock.now(), {
      channel: 'call',
      ruleKey: 'post_repair',
      topic: 'follow_up',
      taskTitle: `回访${person.name}`,
      taskRole: 'cs_specialist',
      body: `请致电${person.name}（${person.phone}），询问${person.plate}的使用情况。`,
    }),
  ]);
  assert.deepEqual(
    outcomes.map((o) => o.decision),
    ['sent', 'sent'],
  );
  const visitId = await checkInBooked(w);
  const photo = await w.advisor.send('POST', `/api/visits/${visitId}/photos`, {
    dataUrl: jpegDataUrl,
    caption: `${person.name}的车右后门`,
  });
  assert.equal(photo.statusCode, 201, photo.body);
  await w.advisor.send('PUT', `/api/visits/${visitId}/estimate`, {
    lines: [line('常规保养工时', 18_000), line('更换雨刮片', 12_000, 'part')],
  });
  const sent = await w.advisor.send('POST', `/api/visits/${visitId}/estimate/send`);
  assert.equal(sent.statusCode, 200, sent.body);
  for (const l of sent.json<{ lines: { id: string }[] }>().lines)
    await w.owner.send('POST', `/api/owner/visits/${visitId}/lines/${l.id}/decision`, { decision: 'approved' });
  for (const status of ['in_bay', 'quality_check', 'ready']) await move(w.advisor, visitId, status);
  const delivered = await w.cashier.send('POST', `/api/visits/${visitId}/deliver`, {
    payment: { method: 'wechat', amountFen: 30_000 },
  });
  assert.equal(delivered.statusCode, 200, delivered.body);
  const rated = await w.owner.send('POST', `/api/owner/visits/${visitId}/rating`, {
    score: 9,
    comment: `我是${person.name}，服务很好`,
  });
  assert.equal(rated.statusCode, 200, rated.body);
  await w.admin.send('POST', `/api/customers/${t.customerId}/interactions`, {
    channel: 'phone',
    summary: `${person.name}说电话${person.phone}`,
  });
  const complaint = await w.admin.send('POST', `/api/customers/${t.customerId}/complaints`, {
    category: 'repair_quality',
    channel: 'phone',
    summary: `${person.name}投诉异响，回电${person.phone}`,
  });
  assert.equal(complaint.statusCode, 201, complaint.body);
  // An uploaded DMS file's preview and a rejected row naming the person, beside another person's.
  const { rows: job } = await db.owner.executeSql(
    `INSERT INTO import_jobs (tenant_id, kind, status, file_name, file_format, file_bytes, file_sha256, headers, sample_rows)
     VALUES ($1, 'customers', 'done', 'dms.csv', 'csv', 100, 'x', '{姓名,手机}', $2) RETURNING id`,
    [
      t.id,
      JSON.stringify([
        [person.name, `+86 ${person.phone}`],
        ['别的客户', '13800009999'],
      ]),
    ],
  );
  await db.owner.executeSql(
    `INSERT INTO import_errors (tenant_id, import_id, row_no, "column", value, message) VALUES
       ($1, $2, 3, '手机', $3, 'phone'), ($1, $2, 3, '姓名', $4, 'duplicate'), ($1, $2, 4, '手机', '1380000', 'phone')`,
    [t.id, job[0]?.id, person.phone, person.name],
  );
  assert.ok((await inboxOf(t.id, w.ownerId, 1)) >= 1, 'the owner got app messages');
  return { ...w, visitId };
};

describe('the whole person: PIPL export and erasure across every module', () => {
  test('the export holds each module’s part: bookings, visits, touches, messages, inbox, tasks, complaints, classes', async () => {
    const w = await everything();
    const data = (await w.admin.get(`/api/customers/${w.t.customerId}/export`)).json();
    assert.equal(data.customer.name, person.name);
    assert.equal(data.bookings.length, 1);
    assert.match(data.bookings[0].concerns, /左前轮/);
    assert.equal(data.bookings[0].pickup.contactPhone, person.phone);
    assert.equal(data.visits.length, 1);
    const [visit] = data.visits;
    assert.deepEqual(
      [visit.id, visit.rating.score, visit.rating.comment],
      [w.visitId, 9, `我是${person.name}，服务很好`],
    );
    assert.equal(visit.estimateLines.length, 2);
    assert.deepEqual(
      visit.photos.map((p: { caption: string }) => p.caption),
      [`${person.name}的车右后门`],
    );
    assert.ok(!('dataUrl' in visit.photos[0]), 'photos as metadata');
    assert.equal(visit.payments[0].amountFen, 30_000);
    const care = data.touches.filter((x: { source: string }) => x.source === 'care_rule');
    assert.deepEqual(care.map((x: { channel: string }) => x.channel).sort(), ['call', 'sms']);
    assert.ok(
      data.messages.some((m: { body: string }) => m.body.includes('该保养了')),
      JSON.stringify([data.messages, data.touches]),
    );
    assert.ok(data.messages.some((m: { to: string; channel: string }) => m.to === person.phone && m.channel === 'sms'));
    assert.ok(data.inboxMessages.length >= 1);
    assert.equal(data.careTasks.length, 1);
    assert.match(data.careTasks[0].script, /请致电/);
    assert.equal(data.complaints.length, 1);
    assert.ok('classes' in data.segments && Array.isArray(data.segments.moves));
    assert.deepEqual(
      data.appAccounts.map((a: { phone: string }) => a.phone),
      [person.phone],
    );
    assert.deepEqual(
      data.carClaims.map((c: { plate: string; status: string }) => [c.plate, c.status]),
      [[person.plate, 'confirmed']],
    );
  });

  test('erasure leaves no trace of the name, phone or plate in any text column of any table; the business records stay', async () => {
    const w = await everything();
    const { db } = await testApp();
    const { t } = w;
    for (const needle of [person.name, person.phone, person.serial, person.owner])
      assert.notDeepEqual(await rowsHolding(t.id, needle), {}, `the fixture holds ${needle}`);
    const count = async (sql: string) =>
      Number((await db.owner.executeSql(`SELECT count(*)::int AS n FROM ${sql}`, [t.id])).rows[0]?.n);
    const records = async () => ({
      bookings: await count(`bookings WHERE tenant_id = $1 AND status = 'completed'`),
      visits: await count(`visits WHERE tenant_id = $1 AND rating_score = 9 AND status = 'delivered'`),
      lines: await count(`estimate_lines WHERE tenant_id = $1`),
      photos: await count(`visit_photos WHERE tenant_id = $1`),
      payments: await count(`payments WHERE tenant_id = $1 AND amount_fen = 30000`),
      orders: await count(`repair_orders WHERE tenant_id = $1`),
      touches: await count(`touches WHERE tenant_id = $1`),
      notifications: await count(`notifications WHERE tenant_id = $1`),
      tasks: await count(`care_tasks WHERE tenant_id = $1`),
      complaints: await count(`complaints WHERE tenant_id = $1 AND category = 'repair_quality'`),
      cars: await count(`vehicles WHERE tenant_id = $1 AND plate IS NOT NULL`),
      imports: await count(`import_jobs WHERE tenant_id = $1`),
    });
    const before = await records();
    const erased = await w.admin.send('POST', `/api/customers/${t.customerId}/erase`, {
      reason: `${person.name}本人书面申请注销，电话${person.phone}`,
    });
    assert.equal(erased.statusCode, 200, erased.body);

    assert.deepEqual(await rowsHolding(t.id, person.name), {}, 'the name is left somewhere');
    assert.deepEqual(await rowsHolding(t.id, person.phone), {}, 'the phone is left somewhere');
    assert.deepEqual(await rowsHolding(t.id, person.owner), {}, 'the app account’s name is left somewhere');
    // The car stays with the dealer, plate included; nothing else quotes it.
    assert.deepEqual(await rowsHolding(t.id, person.serial), { 'vehicles.plate': 1 });

    assert.deepEqual(await records(), before, 'business records stay');
    const after = await records();
    assert.ok(
      after.bookings === 1 && after.visits === 1 && after.tasks === 1 && after.notifications > 0,
      JSON.stringify(after),
    );
    assert.equal(await count(`owners WHERE tenant_id = $1`), 0);
    assert.equal(await count(`vehicle_bindings WHERE tenant_id = $1`), 0);
    assert.equal(await count(`inbox_messages WHERE tenant_id = $1`), 0);
    assert.equal(await count(`sessions WHERE tenant_id = $1 AND kind = 'owner'`), 0);
    assert.equal(await count(`care_tasks WHERE tenant_id = $1 AND status = 'cancelled'`), 1, 'nobody calls them');
    // Another person's rows of the same file and the other driver stay.
    assert.equal(await count(`import_errors WHERE tenant_id = $1`), 1);
    const { rows: car } = await db.owner.executeSql(
      'SELECT regular_drivers FROM vehicles WHERE tenant_id = $1 AND id = $2',
      [t.id, t.vehicleId],
    );
    assert.deepEqual(
      (car[0]?.regular_drivers as { name: string }[]).map((d) => d.name),
      ['李家人'],
    );
    // The app account is signed out; the audit entry records the erasure without the person.
    assert.equal((await w.owner.get('/api/owner/visits')).statusCode, 401);
    const audit = (await w.admin.get('/api/audit?action=customer.erased')).json().items;
    assert.equal(audit[0].details.reason, '***本人书面申请注销，电话***');
  });
});
