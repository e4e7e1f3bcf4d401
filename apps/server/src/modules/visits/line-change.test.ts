import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { VisitStatus } from '@m4s/contracts';
import { testApp, testClock } from '../../../test/harness.ts';
import { lineChangeable, lineWorkStarted } from './line-change.ts';
import { checkInBooked, line, move, visitWorld } from './test-kit.ts';

afterEach(() => {
  testClock.offsetMs = 0;
});

const t0 = new Date('2026-06-10T02:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const ev = (status: VisitStatus, minutes: number) => ({ status, at: later(minutes) });

describe('when work on an estimate line has started (table)', () => {
  const cases: [
    string,
    { status: string; decidedAt: Date | null },
    VisitStatus,
    { status: VisitStatus; at: Date }[],
    boolean,
    boolean,
  ][] = [
    // name, line, visit status now, stage events, work started, changeable
    [
      'approved at check-in, car not yet in the bay',
      { status: 'approved', decidedAt: later(5) },
      'checked_in',
      [ev('checked_in', 0)],
      false,
      true,
    ],
    [
      'approved at check-in, then into the bay',
      { status: 'approved', decidedAt: later(5) },
      'in_bay',
      [ev('checked_in', 0), ev('in_bay', 10)],
      true,
      false,
    ],
    [
      'approved while in the bay (found during repair)',
      { status: 'approved', decidedAt: later(20) },
      'in_bay',
      [ev('checked_in', 0), ev('in_bay', 10)],
      false,
      true,
    ],
    [
      'approved in the bay, then waiting for parts',
      { status: 'approved', decidedAt: later(20) },
      'waiting_parts',
      [ev('in_bay', 10), ev('waiting_parts', 30)],
      true,
      false,
    ],
    [
      'declined: no work to start, changeable until ready',
      { status: 'declined', decidedAt: later(5) },
      'quality_check',
      [ev('in_bay', 10), ev('quality_check', 30)],
      false,
      true,
    ],
    [
      'declined, the car is ready: the estimate is closed',
      { status: 'declined', decidedAt: later(5) },
      'ready',
      [ev('ready', 30)],
      false,
      false,
    ],
    ['still proposed: nothing to change', { status: 'proposed', decidedAt: null }, 'checked_in', [], false, false],
  ];
  for (const [name, l, status, events, started, changeable] of cases)
    test(name, () => {
      assert.equal(lineWorkStarted(l, events), started);
      assert.equal(lineChangeable(l, status, events), changeable);
    });
});

type Line = { id: string; status: string; changeable: boolean };

describe('changing a line decision (issue 11 point 7)', () => {
  test('changed with change:true until work starts, audited; refused after, with a clear message', async () => {
    const { db } = await testApp();
    const w = await visitWorld();
    const visitId = await checkInBooked(w);
    await w.advisor.send('PUT', `/api/visits/${visitId}/estimate`, {
      lines: [line('更换刹车片', 98_000, 'part'), line('空调清洗', 28_000)],
    });
    const sent = await w.advisor.send('POST', `/api/visits/${visitId}/estimate/send`);
    const [pads, aircon] = sent.json<{ lines: Line[] }>().lines;
    assert.ok(pads && aircon);
    const decide = (id: string, body: object) =>
      w.owner.send('POST', `/api/owner/visits/${visitId}/lines/${id}/decision`, body);

    assert.equal((await decide(pads.id, { decision: 'declined' })).statusCode, 200);
    // A repeat without `change` stays refused (a double tap is not a change of mind).
    const repeat = await decide(pads.id, { decision: 'approved' });
    assert.equal(repeat.statusCode, 409);
    const seen = (await w.owner.get(`/api/owner/visits/${visitId}`)).json<{ lines: Line[] }>();
    assert.equal(seen.lines.find((l) => l.id === pads.id)?.changeable, true);

    testClock.advance(60_000);
    const changed = await decide(pads.id, { decision: 'approved', change: true });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json<{ lines: Line[] }>().lines.find((l) => l.id === pads.id)?.status, 'approved');
    const same = await decide(pads.id, { decision: 'approved', change: true });
    assert.equal(same.statusCode, 409, 'the same decision again is no change');
    const audit = await db.owner.executeSql(
      `SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'visit.line_changed'`,
      [w.t.id],
    );
    assert.equal(audit.rows.length, 1);
    assert.deepEqual((({ from, to, via }) => ({ from, to, via }))(audit.rows[0]?.details as Record<string, unknown>), {
      from: 'declined',
      to: 'approved',
      via: 'app',
    });

    // Into the bay: work on the approved line starts; its decision is kept.
    testClock.advance(60_000);
    await move(w.advisor, visitId, 'in_bay');
    const refused = await decide(pads.id, { decision: 'declined', change: true });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(
      refused.json<{ details: { issues: { message: string }[] } }>().details.issues[0]?.message,
      '该项目已开始施工，无法更改，如需调整请联系服务顾问',
    );
    const staffView = (await w.advisor.get(`/api/visits/${visitId}`)).json<{ lines: Line[] }>();
    assert.equal(staffView.lines.find((l) => l.id === pads.id)?.changeable, false);

    // A declined line has no work: the advisor records the customer's change by phone.
    assert.equal((await decide(aircon.id, { decision: 'declined' })).statusCode, 200);
    testClock.advance(60_000);
    const phone = await w.advisor.send('POST', `/api/visits/${visitId}/lines/${aircon.id}/decision`, {
      decision: 'approved',
      via: 'phone',
      change: true,
    });
    assert.equal(phone.statusCode, 200, phone.body);
    const line2 = phone
      .json<{ lines: (Line & { recordedByName: string | null })[] }>()
      .lines.find((l) => l.id === aircon.id);
    assert.deepEqual([line2?.status, line2?.changeable, line2?.recordedByName], ['approved', true, 'service_advisor']);
    // Approved while in the bay: changeable until the workshop moves on.
    testClock.advance(60_000);
    await move(w.advisor, visitId, 'quality_check');
    assert.equal((await decide(aircon.id, { decision: 'declined', change: true })).statusCode, 409);
    await move(w.advisor, visitId, 'ready');
    const closed = await decide(pads.id, { decision: 'declined', change: true });
    assert.equal(closed.statusCode, 409);
  });
});
