import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, onCitus, testApp } from './harness.ts';

/**
 * The relations that carry tenant data: every table (or, with 'VIEW', view) in public with a tenant_id column;
 * both by default. A view has no policy of its own: it must read under its reader's (security_invoker).
 */
const tenantTables = async (only: 'BASE TABLE' | 'VIEW' | null = null) => {
  const { db } = await testApp();
  const { rows } = await db.owner.executeSql(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND ($1::text IS NULL OR t.table_type = $1)
     ORDER BY c.table_name`,
    [only],
  );
  return rows.map((r) => String(r.table_name));
};

describe('tenancy enforced by the database', () => {
  test('every tenant table has RLS, the tenant policy, and tenant_id first in its primary key', async () => {
    const { db } = await testApp();
    const tables = await tenantTables('BASE TABLE');
    assert.ok(tables.length >= 8, `found only ${tables.join(', ')}`);
    for (const table of [...tables, 'tenants']) {
      const { rows } = await db.owner.executeSql(
        `SELECT c.relrowsecurity AS rls,
                (SELECT count(*)::int FROM pg_policies p WHERE p.tablename = c.relname AND 'm4s_app' = ANY(p.roles)) AS policies,
                (SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                  WHERE i.indrelid = c.oid AND i.indisprimary) AS first_key
         FROM pg_class c WHERE c.relname = $1 AND c.relnamespace = 'public'::regnamespace`,
        [table],
      );
      const row = rows[0];
      assert.ok(row, table);
      assert.equal(row.rls, true, `${table}: row-level security is off`);
      assert.ok(Number(row.policies) >= 1, `${table}: no policy for m4s_app`);
      assert.equal(
        row.first_key,
        table === 'tenants' ? 'id' : 'tenant_id',
        `${table}: primary key does not start with tenant_id`,
      );
    }
  });

  test('every view of tenant data reads under its reader’s tenant policy (security_invoker)', async () => {
    const { db } = await testApp();
    const views = await tenantTables('VIEW');
    for (const view of views) {
      const { rows } = await db.owner.executeSql(
        `SELECT coalesce('security_invoker=true' = ANY(c.reloptions), false) AS invoker
           FROM pg_class c WHERE c.relname = $1 AND c.relnamespace = 'public'::regnamespace`,
        [view],
      );
      assert.equal(rows[0]?.invoker, true, `${view}: reads as its owner, past the tenant policy`);
    }
  });

  test('a query with no tenant filter returns only the current tenant’s rows, in every tenant table', async () => {
    const { db, app } = await testApp();
    const a = await createTestTenant(['group_admin', 'service_advisor']);
    const b = await createTestTenant(['group_admin', 'service_advisor']);
    // Give both tenants rows in the auth tables too: an OTP, an owner, a session, an audit entry, an outbox row.
    for (const t of [a, b]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/owner/otp',
        payload: { tenant: t.slug, phone: '13700000009' },
        remoteAddress: `10.9.${Math.floor(Math.random() * 200)}.1`,
      });
      assert.equal(res.statusCode, 200, res.body);
    }
    for (const table of await tenantTables()) {
      const seen = await db.transaction(
        { tenantId: a.id },
        async ({ sql }) => (await sql.executeSql(`SELECT DISTINCT tenant_id FROM ${table}`, [])).rows,
      );
      const ids = seen.map((r) => String(r.tenant_id));
      assert.ok(
        ids.every((id) => id === a.id),
        `${table} leaked ${ids.join(',')}`,
      );
      const total = await db.owner.executeSql(
        `SELECT count(DISTINCT tenant_id)::int AS n FROM ${table} WHERE tenant_id IN ($1, $2)`,
        [a.id, b.id],
      );
      if (['stores', 'staff', 'owner_otps', 'notifications', 'audit_log'].includes(table))
        assert.equal(total.rows[0]?.n, 2, `${table}: both tenants should have rows`);
    }
    const tenants = await db.transaction(
      { tenantId: a.id },
      async ({ sql }) => (await sql.executeSql('SELECT id FROM tenants', [])).rows,
    );
    assert.deepEqual(
      tenants.map((r) => r.id),
      [a.id],
    );
  });

  test('without a tenant context the application role sees nothing', async () => {
    const { db } = await testApp();
    await createTestTenant();
    const rows = await db.transaction(
      { tenantId: null },
      async ({ sql }) => (await sql.executeSql('SELECT count(*)::int AS n FROM stores', [])).rows,
    );
    assert.equal(rows[0]?.n, 0);
  });

  test('a write naming another tenant is refused by the database, and nothing is written', async (t) => {
    const { db } = await testApp();
    const a = await createTestTenant();
    const b = await createTestTenant();
    await assert.rejects(
      db.transaction({ tenantId: a.id }, ({ sql }) =>
        sql.executeSql(
          `INSERT INTO stores (tenant_id, code, name, address, opening_hours) VALUES ($1, 'X1', 'x', 'x', '{}')`,
          [b.id],
        ),
      ),
      /row-level security/,
    );
    // Moving a row of one's own tenant into another tenant is refused the same way.
    const move = () =>
      db.transaction({ tenantId: a.id }, ({ sql }) => sql.executeSql('UPDATE stores SET tenant_id = $1', [b.id]));
    if (await onCitus()) {
      // On Citus tenant_id is the distribution column, which no UPDATE may change: Citus refuses the statement
      // before row-level security is asked.
      t.diagnostic('Citus: the move is refused as a change of the distribution column, before row-level security');
      await assert.rejects(move(), /modifying the partition value of rows is not allowed/);
    } else await assert.rejects(move(), /row-level security|violates/);
    const count = await db.owner.executeSql(
      `SELECT count(*)::int AS n FROM stores WHERE tenant_id = $1 AND code = 'X1'`,
      [b.id],
    );
    assert.equal(count.rows[0]?.n, 0);
  });

  test('the application role is not a superuser and cannot edit the audit log or create tenants', async () => {
    const { db } = await testApp();
    const a = await createTestTenant();
    const role = await db.transaction(
      { tenantId: a.id },
      async ({ sql }) =>
        (
          await sql.executeSql(
            `SELECT current_user AS u, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS su, (SELECT rolbypassrls FROM pg_roles WHERE rolname = current_user) AS bypass`,
            [],
          )
        ).rows[0],
    );
    assert.deepEqual(role, { u: 'm4s_app', su: false, bypass: false });
    await assert.rejects(
      db.transaction({ tenantId: a.id }, ({ sql }) => sql.executeSql('DELETE FROM audit_log', [])),
      /permission denied/,
    );
    await assert.rejects(
      db.transaction({ tenantId: a.id }, ({ sql }) =>
        sql.executeSql(`INSERT INTO tenants (id, slug, name, short_name) VALUES ($1, 'evil', 'e', 'e')`, [a.id]),
      ),
      /permission denied/,
    );
  });

  test('a malformed tenant id never reaches SQL', async () => {
    const { db } = await testApp();
    await assert.rejects(
      db.transaction({ tenantId: "x'; DROP TABLE stores; --" }, async () => 1),
      /TENANT_NOT_FOUND/,
    );
  });
});
