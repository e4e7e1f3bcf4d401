import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, testApp } from '../../../test/harness.ts';
import { insertValues } from './insert-values.ts';
import type { SqlExecutor } from './types.ts';

/** An executor that counts the statements it passes on. */
const counting = (sql: SqlExecutor) => {
  const texts: string[] = [];
  return {
    texts,
    sql: {
      executeSql: (text: string, values?: unknown[]) => {
        texts.push(text);
        return sql.executeSql(text, values);
      },
    } satisfies SqlExecutor,
  };
};

describe('insertValues: bulk rows as multi-row INSERT … VALUES', () => {
  test('many rows go in statements of at most 1,000 rows, under the parameter limit; RETURNING rows add up', async () => {
    const { db } = await testApp();
    const t = await createTestTenant();
    const phones = Array.from({ length: 2_345 }, (_, i) => `139${String(i).padStart(8, '0')}`);
    const { texts, written } = await db.transaction({ tenantId: t.id }, async ({ sql }) => {
      const c = counting(sql);
      const rows = await insertValues(c.sql, {
        into: 'owners',
        tenantId: t.id,
        shared: { created_at: new Date('2026-01-02T03:04:05Z').toISOString() },
        columns: ['phone'],
        rows: phones.map((p) => [p]),
        then: 'ON CONFLICT (tenant_id, phone) DO NOTHING RETURNING phone',
      });
      // Again: every row is there, none is new.
      const again = await insertValues(sql, {
        into: 'owners',
        tenantId: t.id,
        columns: ['phone'],
        rows: phones.slice(0, 10).map((p) => [p]),
        then: 'ON CONFLICT (tenant_id, phone) DO NOTHING RETURNING phone',
      });
      assert.equal(again.length, 0);
      return { texts: c.texts, written: rows };
    });
    assert.equal(texts.length, 3);
    assert.ok(
      texts.every((s) => s.startsWith('INSERT INTO "owners" ("tenant_id", "created_at", "phone") VALUES ($1, $2, $3)')),
    );
    assert.deepEqual(written.map((r) => r.phone).sort(), phones);
    const { rows } = await db.owner.executeSql(
      `SELECT count(*)::int AS n, min(created_at) = max(created_at) AS same FROM owners WHERE tenant_id = $1 AND phone LIKE '139%'`,
      [t.id],
    );
    assert.deepEqual([Number(rows[0]?.n), rows[0]?.same], [2_345, true]);
  });

  test('a wide row keeps a statement under 65,535 parameters; a row of the wrong width is refused', async () => {
    const { db } = await testApp();
    const t = await createTestTenant();
    const width = 100;
    await db.transaction({ tenantId: t.id }, async ({ sql }) => {
      const c = counting({ executeSql: async () => ({ rows: [] }) });
      await insertValues(c.sql, {
        into: 'wide',
        tenantId: t.id,
        columns: Array.from({ length: width }, (_, i) => `c${i}`),
        rows: Array.from({ length: 1_500 }, () => Array.from({ length: width }, () => 1)),
      });
      // 655 rows of 100 parameters (and the tenant's) fit: 1,500 rows take three statements.
      assert.equal(c.texts.length, 3);
      await assert.rejects(
        insertValues(sql, {
          into: 'owners',
          tenantId: t.id,
          columns: ['phone', 'created_at'],
          rows: [['13900000000']],
        }),
        /a row of 1 values for 2 columns/,
      );
    });
  });
});
