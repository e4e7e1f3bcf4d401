import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { vinCheckDigit } from '@m4s/contracts';
import { createTestTenant, signInStaff, testApp } from '../../../test/harness.ts';
import { loadLookups } from './lookups.ts';
import { errorsOf, importFile, xlsxOf } from './test-kit.ts';

const sql = async (text: string, params: unknown[]) => (await (await testApp()).db.owner.executeSql(text, params)).rows;

/** A VIN with a right check digit, from a serial (tests need many distinct valid VINs). */
const vinOf = (serial: number) => {
  const draft = `LSVAU2180N${String(serial).padStart(7, '0')}`;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
};

type Unlisted = { field: string; text: string; rows: number; brandId: string | null; listed: boolean };

describe('DMS import: the catalogue (issue 12)', () => {
  test('series and model names are told apart: a model column of series names, a series with its powertrain or trim', async () => {
    const { db } = await testApp();
    const t = await createTestTenant();
    const car = await db.transaction({ tenantId: t.id }, async ({ db: tx }) => (await loadLookups(tx, t.id, null)).car);
    const match = (brand: string | null, series: string | null, model: string | null, year: number | null = null) => {
      const m = car({ brand, series, model, year });
      return { brand: m.brandId, series: m.seriesId, model: m.modelId, unlisted: m.unlisted };
    };
    // 车型 holding series names.
    assert.deepEqual(match('大众', null, '朗逸'), {
      brand: 'volkswagen',
      series: 'volkswagen-lavida',
      model: null,
      unlisted: [],
    });
    assert.deepEqual(match('比亚迪', null, '汉EV'), { brand: 'byd', series: 'byd-han', model: null, unlisted: [] });
    assert.deepEqual(match('特斯拉', null, 'Model Y'), {
      brand: 'tesla',
      series: 'tesla-model-y',
      model: null,
      unlisted: [],
    });
    assert.deepEqual(match(null, null, 'SU7'), { brand: 'xiaomi', series: 'xiaomi-su7', model: null, unlisted: [] });
    // A series then a trim in the model column; a trim in the series column finds its series.
    assert.deepEqual(match('大众', null, '朗逸 1.5L 自动满逸版', 2023), {
      brand: 'volkswagen',
      series: 'volkswagen-lavida',
      model: 'volkswagen-lavida-2023-1',
      unlisted: [],
    });
    assert.deepEqual(match('一汽-大众', '1.5L 自动满逸版', null, 2023).model, 'volkswagen-lavida-2023-1');
    // A series with its powertrain; the longest name wins (汉兰达 is Toyota's, not BYD 汉 + 兰达).
    assert.deepEqual(match('比亚迪', '秦PLUS DM-i', null).series, 'byd-qin-plus');
    assert.deepEqual(match(null, '汉兰达', null), {
      brand: 'toyota',
      series: 'toyota-highlander',
      model: null,
      unlisted: [],
    });
    // The existing path: brand, series, "2023款 trim".
    assert.equal(match('一汽-大众', '迈腾', '2023款 330TSI DSG 豪华型').model, 'volkswagen-magotan-2023-1');
    // Geely Galaxy is sold as Geely; the 2026 brands are there.
    assert.equal(match('吉利银河', '银河E5', null).series, 'geely-galaxy-e5');
    assert.equal(match('问界', 'M7', null).series, null);
    assert.equal(match('问界', '问界M7', null).series, 'aito-m7');
    assert.equal(match('小米汽车', 'YU7', null).series, 'xiaomi-yu7');
    assert.equal(match('极氪', '001', null).series, null);
    assert.equal(match('极氪', '极氪001', null).series, 'zeekr-001');
    // Another series that begins like a known one is not taken for it: it is unlisted, kept as written.
    assert.deepEqual(match('比亚迪', '海豹07', null), {
      brand: 'byd',
      series: null,
      model: null,
      unlisted: [{ field: 'series', text: '海豹07' }],
    });
    assert.deepEqual(match('长城', '炮', '长城炮 越野版').unlisted, [
      { field: 'brand', text: '长城' },
      { field: 'series', text: '炮' },
      { field: 'model', text: '长城炮 越野版' },
    ]);
  });

  test('dirty formats are stored, not refused; unlisted values are kept on the car and listed once; the tenant adds a series and a re-import matches it', async () => {
    const t = await createTestTenant(['group_admin', 'service_advisor']);
    const other = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const file = await xlsxOf([
      ['客户姓名', '手机号码', '车架号', '车牌号', '品牌', '车系', '车型'],
      [
        ' 张　 三 ',
        '１３８００１３８０００',
        vinOf(1)
          .toLowerCase()
          .replace(/(.{8})/, '$1 '),
        '沪E-50029',
        '大众',
        '',
        '朗逸',
      ],
      ['李四', '+86 139-1234-5678', `${vinOf(2).slice(0, 9)}-${vinOf(2).slice(9)}`, '沪E·50030', '比亚迪', '', '汉EV'],
      ['王五', '0086 137 0000 0001', vinOf(3), '沪 E 50031', '特斯拉', '', 'Model Y'],
      ['赵六', '(+86)136-0000-0002', vinOf(4), '沪Ｅ５００３２', '比亚迪', '海豹07', ''],
      ['钱七', '135 0000 0003', vinOf(5), '沪E.50033', '比亚迪', '海豹07', ''],
      ['孙八', '＋８６　１３４０００００００４', vinOf(6), '', '长城', '炮', ''],
    ]);
    const first = await importFile(admin, 'customers', '档案.xlsx', file);
    assert.equal(first.job.status, 'done', JSON.stringify(first.job));
    assert.deepEqual(
      [first.job.rowsDone, first.job.rowsFailed],
      [6, 0],
      JSON.stringify(await errorsOf(admin, first.job.id)),
    );
    assert.deepEqual(first.job.counts, { customersCreated: 6, vehiclesCreated: 6 });
    // No per-row hint for a name the catalogue lacks.
    assert.deepEqual((await errorsOf(admin, first.job.id)).items, []);

    const cars = await sql(
      `SELECT c.name, p.phone, v.vin, v.plate, v.brand_id, v.series_id, v.brand_text, v.series_text, v.model_text
         FROM vehicles v JOIN customers c ON c.tenant_id = v.tenant_id AND c.id = v.owner_id
         JOIN customer_phones p ON p.tenant_id = c.tenant_id AND p.customer_id = c.id
        WHERE v.tenant_id = $1 AND v.vin LIKE 'LSVAU218%' ORDER BY right(v.vin, 7)`,
      [t.id],
    );
    assert.deepEqual(
      cars.map((c) => [c.name, c.phone, c.vin, c.plate, c.brand_id, c.series_id, c.brand_text, c.series_text]),
      [
        ['张 三', '13800138000', vinOf(1), '沪E50029', 'volkswagen', 'volkswagen-lavida', null, null],
        ['李四', '13912345678', vinOf(2), '沪E50030', 'byd', 'byd-han', null, null],
        ['王五', '13700000001', vinOf(3), '沪E50031', 'tesla', 'tesla-model-y', null, null],
        ['赵六', '13600000002', vinOf(4), '沪E50032', 'byd', null, null, '海豹07'],
        ['钱七', '13500000003', vinOf(5), '沪E50033', 'byd', null, null, '海豹07'],
        ['孙八', '13400000004', vinOf(6), null, null, null, '长城', '炮'],
      ],
    );

    // Listed once, with the rows that used each value, most used first.
    const listed = await admin.get(`/api/imports/${first.job.id}/unlisted`);
    assert.equal(listed.statusCode, 200, listed.body);
    const items = listed.json<{ items: Unlisted[] }>().items;
    assert.deepEqual(
      items.map((i) => [i.field, i.text, i.rows, i.brandId, i.listed]),
      [
        ['series', '海豹07', 2, 'byd', false],
        ['brand', '长城', 1, null, false],
        ['series', '炮', 1, null, false],
      ],
    );
    // The car's own view shows the name the file gave.
    const [zhao] = await sql(`SELECT id FROM vehicles WHERE tenant_id = $1 AND vin = $2`, [t.id, vinOf(4)]);
    const view = await admin.get(`/api/vehicles/${String(zhao?.id)}`);
    assert.equal(view.statusCode, 200, view.body);
    assert.deepEqual([view.json().brandName, view.json().seriesName, view.json().seriesId], ['比亚迪', '海豹07', null]);

    // Adding it is set-up work: an advisor may not; bad input is a 400 naming the field.
    const advisor = await signInStaff(t.slug, 'service.advisor');
    const input = { brandId: 'byd', nameZh: '海豹07', nameEn: 'Seal 07', bodyType: 'sedan' };
    assert.equal((await advisor.send('POST', '/api/catalogue/series', input)).statusCode, 403);
    for (const [bad, path, message] of [
      [{ ...input, nameZh: ' ' }, 'nameZh', '必填'],
      [{ ...input, brandId: 'no-such-brand' }, 'brandId', '车型库中没有该品牌'],
      [{ ...input, nameZh: '海豹' }, 'nameZh', '该品牌下已有同名车系'],
      [{ ...input, bodyType: 'truck' }, 'bodyType', null],
    ] as const) {
      const res = await admin.send('POST', '/api/catalogue/series', bad);
      assert.equal(res.statusCode, 400, res.body);
      const issue = res.json().details.issues[0];
      assert.equal(issue.path, path);
      if (message) assert.equal(issue.message, message);
    }
    const added = await admin.send('POST', '/api/catalogue/series', input);
    assert.equal(added.statusCode, 201, added.body);
    const series = added.json<{ id: string; brandId: string; nameZh: string }>();
    assert.match(series.id, /^t-[0-9a-f-]{36}$/);
    const model = await admin.send('POST', '/api/catalogue/models', {
      seriesId: series.id,
      nameZh: 'DM-i 121KM 豪华型',
      year: 2025,
      fuel: 'phev',
      priceFen: 17980000,
    });
    assert.equal(model.statusCode, 201, model.body);
    const audit = await sql(
      `SELECT action, target_id FROM audit_log WHERE tenant_id = $1 AND action LIKE 'catalogue.%' ORDER BY at, action`,
      [t.id],
    );
    assert.deepEqual(
      audit.map((a) => a.action),
      ['catalogue.series_added', 'catalogue.model_added'],
    );

    // Every read of the catalogue sees it — this tenant's only.
    const bydSeries = async (agent: typeof admin) =>
      (await agent.get('/api/catalogue/brands/byd/series')).json<{ items: { id: string }[] }>().items.map((s) => s.id);
    assert.ok((await bydSeries(admin)).includes(series.id));
    const otherAdmin = await signInStaff(other.slug, 'group.admin');
    assert.ok(!(await bydSeries(otherAdmin)).includes(series.id));
    assert.equal((await otherAdmin.get(`/api/catalogue/series/${series.id}/models`)).statusCode, 404);
    const relisted = (await admin.get(`/api/imports/${first.job.id}/unlisted`)).json<{ items: Unlisted[] }>().items;
    assert.deepEqual(relisted[0] && [relisted[0].text, relisted[0].listed], ['海豹07', true]);

    // The same file again: the two cars now have the tenant's series, their text gone; nothing else moves.
    const again = await importFile(admin, 'customers', '档案.xlsx', file);
    assert.deepEqual(again.job.counts, { customersUnchanged: 6, vehiclesMerged: 2, vehiclesUnchanged: 4 });
    const matched = await sql(
      `SELECT vin, series_id, series_text FROM vehicles WHERE tenant_id = $1 AND vin = ANY($2) ORDER BY right(vin, 7)`,
      [t.id, [vinOf(4), vinOf(5)]],
    );
    assert.deepEqual(
      matched.map((m) => [m.series_id, m.series_text]),
      [
        [series.id, null],
        [series.id, null],
      ],
    );
    const third = await importFile(admin, 'customers', '档案.xlsx', file);
    assert.deepEqual(third.job.counts, { customersUnchanged: 6, vehiclesUnchanged: 6 });
    const seen = (await admin.get(`/api/vehicles/${String(zhao?.id)}`)).json();
    assert.deepEqual([seen.seriesId, seen.seriesName], [series.id, '海豹07']);

    // The other tenant's import does not see it: 海豹07 is unlisted there, and its cars cannot point at it.
    const theirs = await importFile(otherAdmin, 'customers', '档案.xlsx', file);
    const theirList = (await otherAdmin.get(`/api/imports/${theirs.job.id}/unlisted`)).json<{ items: Unlisted[] }>();
    assert.deepEqual(theirList.items[0] && [theirList.items[0].text, theirList.items[0].rows], ['海豹07', 2]);
    const { db } = await testApp();
    await assert.rejects(
      db.transaction({ tenantId: other.id }, ({ sql: tx }) =>
        tx.executeSql(`UPDATE vehicles SET series_id = $2 WHERE tenant_id = $1`, [other.id, series.id]),
      ),
      /not in the catalogue/,
    );
    // …nor add a model under it.
    const foreign = await otherAdmin.send('POST', '/api/catalogue/models', {
      seriesId: series.id,
      nameZh: 'x',
      year: 2025,
      fuel: 'ev',
      priceFen: 1,
    });
    assert.equal(foreign.statusCode, 400, foreign.body);
    assert.equal(foreign.json().details.issues[0].path, 'seriesId');
  });
});
