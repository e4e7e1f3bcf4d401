import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { kmPerDay, warrantyEndsOn } from './mileage.ts';

const at = (s: string) => new Date(`${s}T00:00:00Z`);

describe('km per day', () => {
  const cases: [string, { at: Date; km: number }[], Date | null, number | null][] = [
    ['no readings', [], at('2025-01-01'), null],
    [
      'two readings 100 days apart',
      [
        { at: at('2025-01-01'), km: 1000 },
        { at: at('2025-04-11'), km: 5000 },
      ],
      null,
      40,
    ],
    [
      'order of readings does not matter',
      [
        { at: at('2025-04-11'), km: 5000 },
        { at: at('2025-01-01'), km: 1000 },
      ],
      null,
      40,
    ],
    [
      'readings under a week apart fall back to the purchase date',
      [
        { at: at('2025-03-01'), km: 5900 },
        { at: at('2025-03-03'), km: 6000 },
      ],
      at('2025-01-01'),
      98.4,
    ],
    ['one reading, from purchase', [{ at: at('2025-04-11'), km: 5000 }], at('2025-01-01'), 50],
    ['one reading and no purchase date', [{ at: at('2025-04-11'), km: 5000 }], null, null],
    ['bought six days ago', [{ at: at('2025-01-07'), km: 300 }], at('2025-01-01'), null],
  ];
  for (const [name, readings, purchase, expected] of cases) {
    test(name, () => assert.equal(kmPerDay(readings, purchase), expected));
  }
});

describe('warranty end date', () => {
  test('2 years after purchase, whichever-first distance handled elsewhere', () =>
    assert.equal(warrantyEndsOn('2024-02-29', 2), '2026-03-01'));
  test('unknown purchase date', () => assert.equal(warrantyEndsOn(null, 3), null));
});
