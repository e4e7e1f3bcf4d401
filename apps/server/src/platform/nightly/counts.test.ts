import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countsOf } from './nightly.ts';

test('a nightly step’s log line keeps its numbers and maps of numbers, never text', () => {
  assert.deepEqual(
    countsOf({
      written: 12,
      staged: { birthday: 3, win_back: 1 },
      asOf: '2031-05-10',
      note: '张伟 13800000001 沪A12345',
      mixed: { count: 1, name: '张伟' },
      nothing: null,
    }),
    { written: 12, staged: { birthday: 3, win_back: 1 } },
  );
});
