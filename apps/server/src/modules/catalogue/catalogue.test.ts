import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff, testApp } from '../../../test/harness.ts';

type Brand = { id: string; nameZh: string; warrantyYears: number; warrantyKm: number | null };
type Series = { id: string; brandId: string; nameZh: string; bodyType: string };
type Model = { id: string; seriesId: string; nameZh: string; year: number; fuel: string; priceFen: number };

describe('vehicle catalogue', () => {
  test('staff browse brands → series → models; BYD has 汉 with its electric and plug-in trims', async () => {
    const t = await createTestTenant(['group_admin', 'cashier']);
    const cashier = await signInStaff(t.slug, 'cashier');
    const brands = await cashier.get('/api/catalogue/brands');
    assert.equal(brands.statusCode, 200, brands.body);
    const items: Brand[] = brands.json().items;
    assert.ok(items.length >= 20, `only ${items.length} brands`);
    const byd = items.find((b) => b.nameZh === '比亚迪');
    assert.deepEqual(byd && { id: byd.id, years: byd.warrantyYears, km: byd.warrantyKm }, {
      id: 'byd',
      years: 6,
      km: 150000,
    });
    // Luxury brands give three years with no mileage limit.
    assert.equal(items.find((b) => b.id === 'bmw')?.warrantyKm, null);

    const series = await cashier.get('/api/catalogue/brands/byd/series');
    assert.equal(series.statusCode, 200, series.body);
    const bydSeries: Series[] = series.json().items;
    assert.ok(bydSeries.every((s) => s.brandId === 'byd'));
    const names = bydSeries.map((s) => s.nameZh);
    for (const name of ['秦PLUS', '汉', '宋PLUS', '元PLUS']) assert.ok(names.includes(name), `${name} missing`);

    const han = bydSeries.find((s) => s.nameZh === '汉');
    const models = await cashier.get(`/api/catalogue/series/${han?.id}/models`);
    assert.equal(models.statusCode, 200, models.body);
    const trims: Model[] = models.json().items;
    assert.ok(trims.length >= 1 && trims.every((m) => m.seriesId === han?.id));
    assert.ok(trims.some((m) => m.fuel === 'ev') && trims.some((m) => m.fuel === 'phev'));
    assert.ok(trims.every((m) => m.year >= 2019 && m.year <= 2025 && Number.isInteger(m.priceFen) && m.priceFen > 0));
    // Newest model year first.
    assert.deepEqual(
      trims.map((m) => m.year),
      trims.map((m) => m.year).sort((a, b) => b - a),
    );
  });

  test('an unknown brand or series is a 404, a malformed id a 400', async () => {
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const brand = await admin.get('/api/catalogue/brands/no-such-brand/series');
    assert.equal(brand.statusCode, 404, brand.body);
    assert.equal(brand.json().code, 'NOT_FOUND');
    const series = await admin.get('/api/catalogue/series/no-such-series/models');
    assert.equal(series.statusCode, 404, series.body);
    const malformed = await admin.get('/api/catalogue/brands/BYD%20X/series');
    assert.equal(malformed.statusCode, 400, malformed.body);
  });

  test('not signed in: 401', async () => {
    const { app } = await testApp();
    for (const url of [
      '/api/catalogue/brands',
      '/api/catalogue/brands/byd/series',
      '/api/catalogue/series/byd-han/models',
    ]) {
      assert.equal((await app.inject({ method: 'GET', url })).statusCode, 401, url);
    }
  });

  test('the catalogue is global and read-only to the application role', async () => {
    const { db } = await testApp();
    const t = await createTestTenant();
    const { rows } = await db.owner.executeSql(
      `SELECT table_name FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name = 'tenant_id' AND table_name LIKE 'car\\_%'`,
      [],
    );
    assert.deepEqual(rows, []);
    for (const statement of [
      `INSERT INTO car_brands (id, name_zh, name_en, initial, origin) VALUES ('evil', '恶意', 'Evil', 'E', '自主')`,
      `UPDATE car_brands SET warranty_years = 10 WHERE id = 'byd'`,
      `DELETE FROM car_models WHERE series_id = 'byd-han'`,
      `UPDATE car_series SET name_zh = 'x' WHERE id = 'byd-han'`,
    ]) {
      await assert.rejects(
        db.transaction({ tenantId: t.id }, ({ sql }) => sql.executeSql(statement, [])),
        /permission denied/,
        statement,
      );
    }
    const seen = await db.transaction(
      { tenantId: null },
      async ({ sql }) => (await sql.executeSql(`SELECT count(*)::int AS n FROM car_brands`, [])).rows,
    );
    assert.ok(Number(seen[0]?.n) >= 20, 'readable even without a tenant');
  });
});
