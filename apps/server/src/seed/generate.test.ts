import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { vinCheck } from '@m4s/contracts';
import { createTestTenant, signInStaff, testApp } from '../../test/harness.ts';
import { generateTenantData } from './generate.ts';

describe('the data generator', () => {
  test('fills a tenant with valid, linked, believable data, deterministically', async () => {
    const { db } = await testApp();
    const t = await createTestTenant(['group_admin', 'service_advisor', 'sales_consultant']);
    const now = new Date('2026-11-01T00:00:00Z');
    const input = {
      tenantId: t.id,
      customers: 60,
      storeIds: [t.storeId, t.otherStoreId],
      advisorIds: [t.staffIds.service_advisor ?? ''],
      consultantIds: [t.staffIds.sales_consultant ?? ''],
      now,
    };
    await generateTenantData(db, input);
    const q = async (text: string) => (await db.owner.executeSql(text, [t.id])).rows;
    const [counts] = await q(`SELECT
      (SELECT count(*)::int FROM customers WHERE tenant_id = $1) AS customers,
      (SELECT count(*)::int FROM customer_phones WHERE tenant_id = $1) AS phones,
      (SELECT count(*)::int FROM vehicles WHERE tenant_id = $1) AS vehicles,
      (SELECT count(*)::int FROM vehicle_ownerships WHERE tenant_id = $1) AS ownerships,
      (SELECT count(*)::int FROM repair_orders WHERE tenant_id = $1) AS orders,
      (SELECT count(*)::int FROM repair_orders r LEFT JOIN LATERAL (
         SELECT coalesce(sum(amount_fen) FILTER (WHERE kind = 'labour'), 0) AS labour,
                coalesce(sum(amount_fen) FILTER (WHERE kind = 'part'), 0) AS parts,
                coalesce(sum(cost_fen), 0) AS cost
         FROM repair_order_lines l WHERE l.tenant_id = r.tenant_id AND l.repair_order_id = r.id) s ON true
       WHERE r.tenant_id = $1 AND (r.total_fen <> r.labour_fen + r.parts_fen OR r.labour_fen <> s.labour
         OR r.parts_fen <> s.parts OR r.parts_cost_fen <> s.cost)) AS bad_totals,
      (SELECT count(*)::int FROM repair_orders r WHERE tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM repair_order_lines l WHERE l.tenant_id = r.tenant_id AND l.repair_order_id = r.id)) AS empty_orders,
      (SELECT count(*)::int FROM repair_orders WHERE tenant_id = $1 AND date_in > now()) AS future_orders,
      (SELECT count(DISTINCT type)::int FROM repair_orders WHERE tenant_id = $1) AS types`);
    // The harness tenant brings one customer and one car of its own.
    assert.equal(counts?.customers, 61);
    assert.equal(counts?.phones, 61);
    assert.equal(counts?.vehicles, 73);
    assert.equal(counts?.ownerships, 72);
    assert.ok(Number(counts?.orders) > 150, `only ${Number(counts?.orders)} repair orders`);
    assert.equal(counts?.bad_totals, 0);
    assert.equal(counts?.empty_orders, 0);
    assert.equal(counts?.future_orders, 0);
    assert.ok(Number(counts?.types) >= 3);
    for (const row of await q(`SELECT vin FROM vehicles WHERE tenant_id = $1`))
      assert.ok(vinCheck(String(row.vin)).ok, String(row.vin));
    // Generated rows go through the API's response schemas like any other.
    const admin = await signInStaff(t.slug, 'group.admin');
    const someone = (await admin.get(`/api/customers?q=${encodeURIComponent('王')}&limit=5`)).json().items[0];
    assert.ok(someone, 'search finds generated customers');
    const overview = await admin.get(`/api/customers/${someone.id}/overview`);
    assert.equal(overview.statusCode, 200, overview.body);
    assert.ok(overview.json().vehicles.length >= 1);
    const names = async (tenantId: string) =>
      (await db.owner.executeSql(`SELECT name FROM customers WHERE tenant_id = $1 ORDER BY name`, [tenantId])).rows.map(
        (r) => r.name,
      );
    const other = await createTestTenant(['group_admin']);
    await generateTenantData(db, {
      ...input,
      tenantId: other.id,
      storeIds: [other.storeId],
      advisorIds: [],
      consultantIds: [],
    });
    assert.deepEqual(await names(other.id), await names(t.id));
  });
});
