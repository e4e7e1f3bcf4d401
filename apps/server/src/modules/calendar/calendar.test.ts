import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TenantCalendar } from '@m4s/contracts';
import { createTestTenant, signInStaff, testApp } from '../../../test/harness.ts';
import { addBusinessHours, addWorkingDays } from '../../platform/time/work-calendar.ts';
import { tenantWorkCalendar } from './calendar.service.ts';
import { calendarDayFor } from './test-kit.ts';

const at = (local: string) => new Date(`${local}:00+08:00`);
const kindOf = (c: TenantCalendar, day: string) => c.days.find((d) => d.day === day)?.kind ?? 'plain';

describe("the tenant's working calendar", () => {
  test('a year: the national holidays and adjusted working days with their source, the hours, no overrides yet', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const res = await admin.get('/api/tenant/calendar?year=2026');
    assert.equal(res.statusCode, 200, res.body);
    const cal = res.json<TenantCalendar>();
    assert.equal(cal.timezone, 'Asia/Shanghai');
    assert.match(cal.nationalSource ?? '', /2026年部分节假日安排/);
    assert.deepEqual(cal.businessHours, { start: '08:30', end: '17:30' });
    assert.deepEqual(cal.overrides, []);
    assert.deepEqual(
      cal.days.find((d) => d.day === '2026-02-17'),
      {
        day: '2026-02-17',
        working: false,
        kind: 'holiday',
        name: '春节',
      },
    );
    assert.equal(kindOf(cal, '2026-02-14'), 'adjusted_workday');
    assert.equal(cal.days.filter((d) => d.kind === 'adjusted_workday').length, 6);
    // A year whose schedule is not published yet: weekends only, and the console says so.
    const later = (await admin.get('/api/tenant/calendar?year=2031')).json<TenantCalendar>();
    assert.equal(later.nationalSource, null);
    assert.deepEqual(later.days, []);
  });

  test('own days override the national data, are replaced and removed, and deadlines count on them', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const open = await admin.send('PUT', '/api/tenant/calendar/days', {
      day: '2026-02-23',
      kind: 'working',
      note: ' 春节值班 ',
    });
    assert.equal(open.statusCode, 200, open.body);
    const closed = await admin.send('PUT', '/api/tenant/calendar/days', {
      day: '2026-03-09',
      kind: 'closed',
      note: '集团周年庆',
    });
    const cal = closed.json<TenantCalendar>();
    assert.deepEqual(
      cal.overrides.map((o) => [o.day, o.kind, o.note, o.national.kind]),
      [
        ['2026-02-23', 'working', '春节值班', 'holiday'],
        ['2026-03-09', 'closed', '集团周年庆', 'workday'],
      ],
    );
    assert.equal(kindOf(cal, '2026-02-23'), 'tenant_working');
    assert.equal(kindOf(cal, '2026-03-09'), 'tenant_closed');

    // Setting a day again replaces it (one row a day).
    const again = await admin.send('PUT', '/api/tenant/calendar/days', {
      day: '2026-02-23',
      kind: 'closed',
      note: null,
    });
    assert.deepEqual(
      again.json<TenantCalendar>().overrides.map((o) => [o.day, o.kind]),
      [
        ['2026-02-23', 'closed'],
        ['2026-03-09', 'closed'],
      ],
    );
    const hours = await admin.send('PUT', '/api/tenant/calendar/hours', { start: '09:00', end: '18:00' });
    assert.deepEqual(hours.json(), { start: '09:00', end: '18:00' });

    // "2 business hours" from Friday 16:45: 75 minutes that day (to 18:00), then the Monday is the tenant's
    // anniversary: 45 minutes of Tuesday. "1 working day": the same Tuesday, at 16:45.
    const { db } = await testApp();
    const workCal = await db.transaction({ tenantId: t.id }, ({ db: tx }) =>
      tenantWorkCalendar({ db: tx, tenantId: t.id }, { from: '2026-03-06', to: '2026-04-30' }),
    );
    assert.equal(
      addBusinessHours(workCal, at('2026-03-06T16:45'), 2).toISOString(),
      at('2026-03-10T09:45').toISOString(),
    );
    assert.equal(
      addWorkingDays(workCal, at('2026-03-06T16:45'), 1).toISOString(),
      at('2026-03-10T16:45').toISOString(),
    );

    const removed = await admin.send('DELETE', '/api/tenant/calendar/days/2026-02-23');
    assert.equal(removed.statusCode, 200, removed.body);
    assert.equal(kindOf(removed.json<TenantCalendar>(), '2026-02-23'), 'holiday');
    assert.equal((await admin.send('DELETE', '/api/tenant/calendar/days/2026-02-23')).statusCode, 404);

    const audit = (await admin.get('/api/audit?action=tenant.calendar_day_set')).json<{ items: unknown[] }>().items;
    assert.equal(audit.length, 3);
  });

  test('bad input is a 400 in the user’s language and writes nothing; the permission is tenant.settings', async () => {
    const t = await createTestTenant(['group_admin', 'store_manager']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const bad: [method: 'PUT' | 'DELETE', url: string, body: object | undefined, field: string][] = [
      ['PUT', '/api/tenant/calendar/days', { day: '2026-02-30', kind: 'closed' }, 'day'],
      ['PUT', '/api/tenant/calendar/days', { day: '1999-01-01', kind: 'closed' }, 'day'],
      ['PUT', '/api/tenant/calendar/days', { day: '2026-03-01', kind: 'holiday' }, 'kind'],
      ['PUT', '/api/tenant/calendar/days', { day: '2026-03-01', kind: 'closed', note: '长'.repeat(61) }, 'note'],
      ['PUT', '/api/tenant/calendar/hours', { start: '18:00', end: '09:00' }, 'end'],
      ['PUT', '/api/tenant/calendar/hours', { start: '8:30', end: '17:30' }, 'start'],
      ['DELETE', '/api/tenant/calendar/days/2026-13-01', undefined, 'day'],
    ];
    for (const [method, url, body, field] of bad) {
      const res = await admin.send(method, url, body);
      assert.equal(res.statusCode, 400, `${url} ${JSON.stringify(body)}: ${res.body}`);
      const issues = res.json<{ details: { issues: { path: string; message: string }[] } }>().details.issues;
      assert.ok(
        issues.some((i) => i.path === field),
        `${JSON.stringify(body)} names ${field}: ${res.body}`,
      );
    }
    const order = await admin.send('PUT', '/api/tenant/calendar/hours', { start: '18:00', end: '09:00' });
    assert.equal(
      order.json<{ details: { issues: { message: string }[] } }>().details.issues[0]?.message,
      '结束时间应晚于开始时间',
    );
    assert.equal((await admin.get('/api/tenant/calendar?year=1999')).statusCode, 400);
    const cal = (await admin.get('/api/tenant/calendar?year=2026')).json<TenantCalendar>();
    assert.deepEqual(cal.overrides, []);
    assert.deepEqual(cal.businessHours, { start: '08:30', end: '17:30' });

    const manager = await signInStaff(t.slug, 'store.manager');
    assert.equal((await manager.get('/api/tenant/calendar?year=2026')).statusCode, 403);
    const refused = await manager.send('PUT', '/api/tenant/calendar/days', { day: '2026-03-02', kind: 'closed' });
    assert.equal(refused.statusCode, 403);
  });

  test("one tenant's days are not another's", async () => {
    const a = await createTestTenant(['group_admin']);
    const b = await createTestTenant(['group_admin']);
    await calendarDayFor(b, '2026-03-09');
    const admin = await signInStaff(a.slug, 'group.admin');
    assert.equal(
      kindOf((await admin.get('/api/tenant/calendar?year=2026')).json<TenantCalendar>(), '2026-03-09'),
      'plain',
    );
    assert.equal((await admin.send('DELETE', '/api/tenant/calendar/days/2026-03-09')).statusCode, 404);
    const adminB = await signInStaff(b.slug, 'group.admin');
    const stillB = (await adminB.get('/api/tenant/calendar?year=2026')).json<TenantCalendar>();
    assert.deepEqual(
      stillB.overrides.map((o) => o.day),
      ['2026-03-09'],
    );
  });
});
