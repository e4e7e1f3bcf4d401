import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { createTestTenant, testApp } from '../../test/harness.ts';
import { col, parseRows } from '../platform/db/rows.ts';
import { isWorkingDay, workCalendar } from '../platform/time/work-calendar.ts';
import { localOf } from '../platform/time/zone.ts';
import { businessAgo, seedDemoComplaints } from './demo-complaints.ts';

const cst = (local: string) => new Date(`${local}+08:00`);
const national = workCalendar({ zone: 'Asia/Shanghai' });
/** Inside opening hours (08:30–17:30) of a working day in Shanghai. */
const inHours = (d: Date) => {
  const l = localOf(d, 'Asia/Shanghai');
  return isWorkingDay(national, l.day) && l.time >= '08:30' && l.time <= '17:30';
};

/** A test tenant with the demo's sign-ins (cs, advisor, service.manager) and six customers without a case. */
const demoLike = async () => {
  const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_advisor', 'service_manager']);
  const { db } = await testApp();
  const logins = { cs_specialist: 'cs', service_advisor: 'advisor', service_manager: 'service.manager' };
  for (const [role, login] of Object.entries(logins))
    await db.owner.executeSql(`UPDATE staff SET login = $3 WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      t.staffIds[role as keyof typeof logins],
      login,
    ]);
  for (let i = 1; i <= 5; i++)
    await db.owner.executeSql(`INSERT INTO customers (tenant_id, name, source) VALUES ($1, $2, 'walk_in')`, [
      t.id,
      `演示客户${i}`,
    ]);
  return t;
};

describe('the demo’s complaint cases on day one', () => {
  test('business time counted back: a quarter hour steps over nights, weekends and holidays', () => {
    assert.equal(
      businessAgo(national, cst('2026-03-16T09:00:00'), 3).toISOString(),
      cst('2026-03-13T15:00:00').toISOString(),
    );
    assert.equal(
      businessAgo(national, cst('2026-03-14T03:00:00'), 1).toISOString(),
      cst('2026-03-13T16:30:00').toISOString(),
    );
    assert.equal(
      businessAgo(national, cst('2026-10-08T09:30:00'), 2).toISOString(),
      cst('2026-09-30T16:30:00').toISOString(),
    );
  });

  for (const [when, now] of [
    ['a Saturday night', cst('2026-03-14T03:00:00')],
    ['a Monday morning', cst('2026-03-16T09:00:00')],
    ['a weekday afternoon', cst('2026-03-17T16:00:00')],
  ] as const)
    test(`seeded on ${when}: every case received and handled in opening hours; only the untouched one overdue`, async () => {
      const t = await demoLike();
      const { db } = await testApp();
      const made = await seedDemoComplaints(db, { tenantId: t.id, now });
      assert.equal(made.cases, 6);
      assert.equal(made.escalated, 2, 'the untouched case: first contact and answer passed');
      const events = parseRows(
        z.object({ at: col.instant, kind: col.text, by_owner: z.boolean() }),
        await db.owner.executeSql(
          `SELECT at, kind, owner_id IS NOT NULL AS by_owner FROM complaint_events
            WHERE tenant_id = $1 AND kind NOT IN ('escalated', 'deadline_warning')`,
          [t.id],
        ),
        'demo case log',
      );
      for (const e of events) {
        assert.ok(e.at.getTime() <= now.getTime(), `${e.kind} is not in the future`);
        assert.ok(inHours(e.at), `${e.kind} at ${e.at.toISOString()} falls in opening hours`);
      }
      const cases = parseRows(
        z.object({
          stage: col.text,
          escalation_level: col.number,
          overdue: z.boolean(),
        }),
        await db.owner.executeSql(
          `SELECT stage, escalation_level, COALESCE(
                  (first_contact_at IS NULL AND first_contact_due < $2) OR (answered_at IS NULL AND answer_due < $2)
                    OR (followed_up_at IS NULL AND follow_up_due < $2) OR (evaluated_at IS NULL AND evaluation_due < $2)
                    OR (oem_report_sent_at IS NULL AND oem_report_due < $2), false) AS overdue
             FROM complaints WHERE tenant_id = $1 AND status = 'open'`,
          [t.id, now],
        ),
        'demo cases',
      );
      assert.deepEqual(cases.map((c) => `${c.stage}:${c.escalation_level}:${c.overdue}`).sort(), [
        'assigned:0:false',
        'assigned:0:false',
        'contacted:0:false',
        'received:2:true',
        'resolved:0:false',
      ]);
    });
});
