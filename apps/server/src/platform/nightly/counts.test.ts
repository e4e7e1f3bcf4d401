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

test('a map keyed by personal data (phone, plate, VIN, name, id) is left out whole, however numeric', () => {
  assert.deepEqual(
    countsOf({
      byPhone: { '13800000001': 2 },
      byPlate: { 沪A12345: 1 },
      byVin: { LSVA09030N0001575: 1 },
      byName: { 张伟: 3 },
      byCustomer: { '995a4612-ccb2-413d-872c-58a7abe6ce93': 1 },
      '13800000001': 4,
      decisions: { sent: 5, held: 1 },
    }),
    { decisions: { sent: 5, held: 1 } },
  );
});
