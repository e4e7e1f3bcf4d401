import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { defineRoutes } from '@m4s/contracts';
import { z } from 'zod';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { serve } from '../src/platform/http/serve.ts';
import { createTestTenant, randomIp, signInStaff, testApp, testDataDir } from './harness.ts';

type Issue = { path: string; message: string };
const issuesOf = (res: { json: () => { details?: { issues?: Issue[] } } }) => res.json().details?.issues ?? [];

describe('NUL bytes and impossible days get a 400, never a 500 (issue 13, finding 5)', () => {
  test('a NUL in a query string is refused in the user’s language', async () => {
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const zh = await admin.get('/api/customers?q=%00');
    assert.equal(zh.statusCode, 400, zh.body);
    assert.equal(zh.json().code, 'VALIDATION_FAILED');
    assert.deepEqual(issuesOf(zh), [{ path: 'q', message: '内容含有空字符（NUL），请删除后重试' }]);
    const en = await admin.inject({
      method: 'GET',
      url: '/api/customers?q=%E5%BC%A0%00',
      headers: { 'accept-language': 'en' },
    });
    assert.equal(en.statusCode, 400, en.body);
    assert.deepEqual(issuesOf(en), [{ path: 'q', message: 'Must not contain a NUL character' }]);
  });

  test('a NUL in a JSON body text field is refused and nothing is written', async () => {
    const { db } = await testApp();
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const res = await admin.send('POST', '/api/customers', {
      name: '王\u0000五',
      phones: ['13911112222'],
      source: 'walk_in',
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().code, 'VALIDATION_FAILED');
    assert.deepEqual(
      issuesOf(res).map((i) => i.path),
      ['name'],
    );
    const nested = await admin.send('POST', '/api/customers', {
      name: '王五',
      phones: ['13911112222', '1391111\u00002223'],
      source: 'walk_in',
    });
    assert.equal(nested.statusCode, 400, nested.body);
    assert.deepEqual(
      issuesOf(nested).map((i) => i.path),
      ['phones.1'],
    );
    const { rows } = await db.owner.executeSql(
      `SELECT count(*)::int AS n FROM customer_phones WHERE tenant_id = '${t.id}' AND phone = '13911112222'`,
    );
    assert.equal(rows[0]?.n, 0);
  });

  test('impossible and out-of-range days are refused, naming the field', async () => {
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const impossible = await admin.get('/api/booking-stats?from=2023-02-30');
    assert.equal(impossible.statusCode, 400, impossible.body);
    assert.deepEqual(issuesOf(impossible), [{ path: 'from', message: '日期不存在，请检查月份和日期' }]);
    const far = await admin.get('/api/bookings?date=9999-12-31');
    assert.equal(far.statusCode, 400, far.body);
    assert.deepEqual(issuesOf(far), [{ path: 'date', message: '日期应在 1900 年至 2100 年之间' }]);
    const early = await admin.inject({
      method: 'GET',
      url: '/api/booking-stats?from=0001-01-01&to=2023-13-01',
      headers: { 'accept-language': 'en' },
    });
    assert.equal(early.statusCode, 400, early.body);
    assert.deepEqual(
      issuesOf(early)
        .map((i) => i.path)
        .sort(),
      ['from', 'to'],
    );
    // The edges of the range and a leap day still work.
    for (const day of ['1900-01-01', '2100-12-31', '2024-02-29']) {
      const ok = await admin.get(`/api/bookings?date=${day}`);
      assert.equal(ok.statusCode, 200, `${day}: ${ok.body}`);
    }
    const notLeap = await admin.get('/api/bookings?date=2023-02-29');
    assert.equal(notLeap.statusCode, 400, notLeap.body);
  });
});

describe('a 500 logs no personal data (issue 13, finding 5)', () => {
  test('a failing database statement is logged with its code and message, not its parameters', async () => {
    const { db } = await testApp();
    const lines: string[] = [];
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', JOBS: 'off', DATA_DIR: testDataDir });
    const app = await buildApp(config, { db, logStream: { write: (line: string) => void lines.push(line) } });
    const boom = defineRoutes({
      boom: {
        method: 'POST',
        path: '/api/test-only/boom',
        auth: 'public',
        body: z.strictObject({ name: z.string(), phone: z.string() }),
        response: null,
        tags: ['test'],
      },
    }).boom;
    serve(app, boom, async (req) => {
      // A statement that fails after binding the person's name and phone (division by zero: a 500).
      await db.transaction({ tenantId: null }, async ({ db: tx }) => {
        await tx.execute(sql`SELECT ${req.body.name}::text AS name, ${req.body.phone}::text AS phone, 1 / 0 AS boom`);
      });
      return null;
    });
    await app.ready();
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/test-only/boom',
        payload: { name: '欧阳秘密', phone: '13987654321' },
        remoteAddress: randomIp(),
      });
      assert.equal(res.statusCode, 500, res.body);
      assert.ok(!res.body.includes('13987654321') && !res.body.includes('欧阳秘密'), res.body);
      const log = lines.join('');
      const entry = lines
        .map((l) => JSON.parse(l) as { msg?: string; err?: Record<string, unknown> })
        .find((l) => l.err);
      assert.ok(entry?.err, `the failure is logged: ${log}`);
      assert.equal(entry.err.code, '22012', log);
      assert.match(String(entry.err.message), /division by zero/, log);
      assert.ok(!log.includes('13987654321'), `the phone is in the log: ${log}`);
      assert.ok(!log.includes('欧阳秘密'), `the name is in the log: ${log}`);
    } finally {
      await app.close();
    }
  });
});

describe('logError keeps a database error’s code and drops its values', () => {
  test('detail, where, parameters and drizzle’s message are not kept', async () => {
    const { logError } = await import('../src/platform/log.ts');
    const cause = Object.assign(
      new Error('duplicate key value violates unique constraint "customer_phones_phone_key"'),
      {
        code: '23505',
        constraint: 'customer_phones_phone_key',
        table: 'customer_phones',
        detail: 'Key (tenant_id, phone)=(t1, 13987654321) already exists.',
        where: 'SQL statement "INSERT … 欧阳秘密"',
        params: ['欧阳秘密', '13987654321'],
      },
    );
    const wrapper = Object.assign(new Error('Failed query: INSERT …\nparams: 欧阳秘密,13987654321', { cause }), {
      query: 'INSERT INTO customer_phones VALUES ($1, $2)',
      params: ['欧阳秘密', '13987654321'],
    });
    const logged = JSON.stringify(logError(wrapper));
    assert.ok(!logged.includes('13987654321') && !logged.includes('欧阳秘密'), logged);
    const parsed = JSON.parse(logged) as Record<string, unknown>;
    assert.equal(parsed.code, '23505');
    assert.equal(parsed.constraint, 'customer_phones_phone_key');
    assert.equal(parsed.query, 'INSERT INTO customer_phones VALUES ($1, $2)');
    const data = logError(
      Object.assign(new Error('invalid input syntax for type integer: "13987654321"'), { code: '22P02' }),
    );
    assert.equal(data.message, 'invalid input syntax for type integer: "…"');
  });
});
