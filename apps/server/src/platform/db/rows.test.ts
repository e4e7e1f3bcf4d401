import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { testApp } from '../../../test/harness.ts';
import { col, maybeRow, oneRow, parseRows, RowShapeError } from './rows.ts';

describe('raw rows through a row schema', () => {
  const row = z.object({ id: col.text, n: col.number, at: col.instantOrNull });

  test('columns are read as both drivers return them (int8 as a string or a number, times as Dates)', () => {
    const rows = parseRows(row, {
      rows: [
        { id: 'a', n: '42', at: new Date('2026-01-02T03:04:05Z') },
        { id: 'b', n: 7, at: '2026-01-02T03:04:05Z' },
        { id: 'c', n: 1n, at: null },
      ],
    });
    assert.deepEqual(
      rows.map((r) => [r.id, r.n, r.at?.toISOString() ?? null]),
      [
        ['a', 42, '2026-01-02T03:04:05.000Z'],
        ['b', 7, '2026-01-02T03:04:05.000Z'],
        ['c', 1, null],
      ],
    );
  });

  test('a row of another shape is an internal error naming the statement, the row and the column', () => {
    assert.throws(
      () =>
        parseRows(
          row,
          {
            rows: [
              { id: 'a', n: 1, at: null },
              { id: 'b', n: 'many', at: null },
            ],
          },
          'countOf',
        ),
      (e: unknown) =>
        e instanceof RowShapeError && /countOf \(row 1\) returned a row of an unexpected shape \(n: /.test(e.message),
    );
    assert.throws(() => parseRows(row, { rows: [{ n: 1, at: null }] }, 'idOf'), /idOf \(row 0\).*\(id: /);
  });

  test('oneRow wants a row, maybeRow may have none', () => {
    assert.equal(maybeRow(row, { rows: [] }), null);
    assert.equal(oneRow(row, { rows: [{ id: 'x', n: '3', at: null }] }).n, 3);
    assert.throws(
      () => oneRow(row, { rows: [] }, 'the count'),
      /the count returned a row of an unexpected shape \(\(row\): no row\)/,
    );
  });

  test('on the real engine: a count, a text and a timestamptz parse on this database', async () => {
    const { db } = await testApp();
    const got = await db.transaction({ tenantId: null }, async (tx) =>
      oneRow(
        row,
        await tx.sql.executeSql(`SELECT 'x' AS id, count(*) AS n, now() AS at FROM generate_series(1, 3)`),
        'probe',
      ),
    );
    assert.equal(got.id, 'x');
    assert.equal(got.n, 3);
    assert.ok(got.at instanceof Date);
  });
});
