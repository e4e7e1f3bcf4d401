import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/harness.ts';
import { inQuietWindow, quietSql, quietWindowEnd, type QuietWindow } from './quiet.ts';
import { dayIn, instantOf } from './zone.ts';

/**
 * The calendar rules live in TypeScript and, for set-based statements, as SQL fragments: these cases run
 * both against the database (PGlite or PostgreSQL) so that the two never drift apart.
 */
describe('platform/time agrees with the database', () => {
  test('local day and time → instant, as PostgreSQL’s AT TIME ZONE reads it (DST gaps included)', async () => {
    const { db } = await testApp();
    const cases: [day: string, time: string, zone: string][] = [
      ['2025-06-10', '00:00', 'Asia/Shanghai'],
      ['2025-12-31', '23:30', 'Asia/Shanghai'],
      ['2025-03-09', '02:30', 'America/New_York'],
      ['2025-11-02', '01:30', 'America/New_York'],
      ['2025-03-30', '01:30', 'Europe/London'],
    ];
    for (const [day, time, zone] of cases) {
      const { rows } = await db.owner.executeSql(
        `SELECT (extract(epoch FROM (($1::date + $2::time) AT TIME ZONE $3)) * 1000)::float8 AS at,
                ((($1::date + $2::time) AT TIME ZONE $3) AT TIME ZONE $3)::date::text AS day`,
        [day, time, zone],
      );
      const at = instantOf(day, time, zone);
      assert.equal(at.getTime(), Number(rows[0]?.at), `${day} ${time} ${zone}`);
      assert.equal(dayIn(at, zone), rows[0]?.day);
    }
  });

  test('quiet-hour windows: the SQL fragments decide as the functions do', async () => {
    const { db } = await testApp();
    const zone = 'Asia/Shanghai';
    const windows: (QuietWindow | null)[] = [
      { start: '21:00', end: '09:00' },
      { start: '12:00', end: '14:00' },
      { start: '08:00', end: '08:00' },
      null,
    ];
    const dues = ['2025-06-10T20:59', '2025-06-10T21:00', '2025-06-10T23:59', '2025-06-30T22:00', '2025-06-11T00:00']
      .concat(['2025-06-11T08:59', '2025-06-11T09:00', '2025-06-11T12:30', '2025-06-11T14:00'])
      .map((local) => new Date(`${local}:00+08:00`));
    for (const w of windows)
      for (const due of dues) {
        const { rows } = await db.owner.executeSql(
          `SELECT ${quietSql.inWindow('l', 'qs', 'qe')} AS inside,
                  (extract(epoch FROM ${quietSql.end('l', 'qs', 'qe', '$4')}) * 1000)::float8 AS ends
             FROM (SELECT ($1::timestamptz AT TIME ZONE $4) AS l, $2::time AS qs, $3::time AS qe) x`,
          [due.toISOString(), w?.start ?? null, w?.end ?? null, zone],
        );
        const inside = w !== null && inQuietWindow(dayTime(due), w);
        assert.equal(rows[0]?.inside, inside, `${due.toISOString()} in ${w?.start}–${w?.end}`);
        if (w && inside) assert.equal(Number(rows[0]?.ends), quietWindowEnd(due, w, zone)?.getTime());
      }
  });
});

const dayTime = (at: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
