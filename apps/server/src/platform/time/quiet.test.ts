import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inQuietWindow, quietWindowEnd, type QuietWindow } from './quiet.ts';

const sh = 'Asia/Shanghai';
const night: QuietWindow = { start: '21:00', end: '09:00' };
const lunch: QuietWindow = { start: '12:00', end: '14:00' };

describe('platform/time: quiet-hour windows', () => {
  test('inside or outside a window, across midnight or not', () => {
    const cases: [time: string, w: QuietWindow, inside: boolean][] = [
      ['20:59', night, false],
      ['21:00', night, true],
      ['23:59', night, true],
      ['00:00', night, true],
      ['08:59', night, true],
      ['09:00', night, false],
      ['12:00', night, false],
      ['11:59', lunch, false],
      ['12:00', lunch, true],
      ['13:59', lunch, true],
      ['14:00', lunch, false],
      ['03:00', { start: '09:00', end: '09:00' }, false],
    ];
    for (const [time, w, inside] of cases)
      assert.equal(inQuietWindow(time, w), inside, `${time} in ${w.start}–${w.end}`);
  });

  test('a message due in quiet hours goes at their end: the next morning before midnight, the same morning after', () => {
    const cases: [dueLocal: string, w: QuietWindow, sendLocal: string | null][] = [
      ['2025-06-10T22:30:00+08:00', night, '2025-06-11T09:00:00+08:00'],
      ['2025-06-10T23:59:00+08:00', night, '2025-06-11T09:00:00+08:00'],
      ['2025-06-11T00:30:00+08:00', night, '2025-06-11T09:00:00+08:00'],
      ['2025-06-11T08:59:00+08:00', night, '2025-06-11T09:00:00+08:00'],
      ['2025-06-11T10:00:00+08:00', night, null],
      ['2025-06-11T12:30:00+08:00', lunch, '2025-06-11T14:00:00+08:00'],
      // The last day of a month: the window's end is on the first of the next.
      ['2025-06-30T21:15:00+08:00', night, '2025-07-01T09:00:00+08:00'],
    ];
    for (const [due, w, send] of cases) {
      const end = quietWindowEnd(new Date(due), w, sh);
      assert.equal(end?.toISOString() ?? null, send === null ? null : new Date(send).toISOString(), due);
    }
  });
});
