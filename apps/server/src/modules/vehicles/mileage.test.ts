import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReading, kmPerDay, warrantyEndsOn } from './mileage.ts';

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

describe('the one mileage check', () => {
  const series = [
    { at: at('2026-01-10'), km: 10_000 },
    { at: at('2026-03-01'), km: 25_000 },
  ];
  const cases: [string, { at: Date; km: number }, ReturnType<typeof checkReading>][] = [
    ['a repair order at 2,500 km after 25,000 km', { at: at('2026-05-01'), km: 2_500 }, 'mileage_backwards'],
    ['a backdated higher reading', { at: at('2026-02-01'), km: 30_000 }, 'mileage_above_later'],
    ['lower than a reading of the same moment', { at: at('2026-03-01'), km: 24_000 }, 'mileage_backwards'],
    ['between two readings', { at: at('2026-02-01'), km: 12_000 }, null],
    ['the same value again', { at: at('2026-03-01'), km: 25_000 }, null],
    ['after every reading, higher', { at: at('2026-05-01'), km: 27_000 }, null],
  ];
  for (const [name, reading, expected] of cases)
    test(name, () => assert.equal(checkReading(series, reading), expected));
});

describe('km per day: the fit and its fallbacks', () => {
  const cases: [string, { at: Date; km: number }[], Date | null, number | null][] = [
    ['no readings, known purchase: the typical pace', [], at('2025-01-01'), 35],
    ['no readings, unknown age: no pace', [], null, null],
    [
      'readings 20 days apart, bought 25 days before the newest: the typical pace',
      [
        { at: at('2025-01-11'), km: 500 },
        { at: at('2025-01-31'), km: 1_400 },
      ],
      at('2025-01-06'),
      35,
    ],
    [
      'a repair order and its check-in reading count once',
      [
        { at: at('2025-01-01'), km: 1_000 },
        { at: at('2025-04-11'), km: 5_000 },
        { at: at('2025-04-11'), km: 5_000 },
        { at: at('2025-04-11'), km: 5_000 },
      ],
      null,
      40,
    ],
    [
      'a reading more than two years before the newest is left out',
      [
        { at: at('2021-01-01'), km: 60_000 },
        { at: at('2026-01-01'), km: 70_000 },
        { at: at('2026-05-01'), km: 76_000 },
      ],
      at('2020-01-01'),
      50,
    ],
    [
      'only the newest six readings',
      [
        { at: at('2025-01-01'), km: 0 },
        ...[1, 2, 3, 4, 5, 6].map((m) => ({ at: at(`2025-0${m + 1}-01`), km: 50_000 + m * 3_000 })),
      ],
      null,
      99.4,
    ],
  ];
  for (const [name, readings, purchase, expected] of cases)
    test(name, () => assert.equal(kmPerDay(readings, purchase, 35), expected));
});
