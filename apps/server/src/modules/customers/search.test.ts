import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { vinCheckDigit } from '@m4s/contracts';
import { createTestTenant, signInStaff } from '../../../test/harness.ts';

const withCheckDigit = (body: string) => `${body.slice(0, 8)}${vinCheckDigit(body)}${body.slice(9)}`;

describe('customer search (the n-gram indexes of migration 0009)', () => {
  test('every way staff look a customer up finds the right one, and only that one', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const make = async (name: string, phone: string, car?: { vin: string; plate: string }, over = {}) => {
      const c = await admin.send('POST', '/api/customers', { name, phones: [phone], source: 'walk_in', ...over });
      assert.equal(c.statusCode, 201, c.body);
      const id = c.json().id as string;
      if (car) {
        const v = await admin.send('POST', '/api/vehicles', { ...car, ownerId: id });
        assert.equal(v.statusCode, 201, v.body);
      }
      return id;
    };
    await make('诸葛明亮', '13712345678', { vin: withCheckDigit('LSVAB2180K2123456'), plate: '沪AD12345' });
    await make('明星', '13887654321', { vin: withCheckDigit('LFVCD3190M5987654'), plate: '浙B7Q88Z' });
    await make('星河汽车租赁有限公司', '13600001111', undefined, { kind: 'organisation', contactName: '欧阳锋' });

    const cases: [query: string, expected: string[]][] = [
      ['诸葛', ['诸葛明亮']], // surname of two characters
      ['明亮', ['诸葛明亮']], // given name
      ['明', ['明星']], // one character: a surname prefix, not every name containing it
      ['星', ['星河汽车租赁有限公司']],
      ['欧阳', ['星河汽车租赁有限公司']], // the organisation's responsible person
      ['亮明', []], // pieces of a name in the wrong order
      ['2345', ['诸葛明亮']], // 4 digits of a phone and of a plate: the same customer once
      ['8765', ['明星']],
      ['13712345678', ['诸葛明亮']],
      ['1234 5678', ['诸葛明亮']], // typed with a space
      ['AD123', ['诸葛明亮']], // part of a plate
      ['沪AD·12345', ['诸葛明亮']], // the plate as printed
      ['b7q', ['明星']], // lower case
      ['987654', ['明星']], // a VIN's last six
      ['lfvcd', ['明星']],
      ['5555', []],
    ];
    for (const [query, expected] of cases) {
      const res = await admin.get(`/api/customers?q=${encodeURIComponent(query)}`);
      assert.equal(res.statusCode, 200, res.body);
      const names = res.json().items.map((c: { name: string }) => c.name);
      assert.deepEqual(names, expected, `query ${query}`);
    }
  });

  test('the digits a phone ends in rank that customer first, then other phones, then the rest', async () => {
    const t = await createTestTenant(['group_admin']); // its customer's VIN LFV2A21K8J3000001 holds "0001"
    const admin = await signInStaff(t.slug, 'group.admin');
    const make = async (name: string, phones: string[], car?: { vin: string; plate: string }) => {
      const c = await admin.send('POST', '/api/customers', { name, phones, source: 'walk_in' });
      assert.equal(c.statusCode, 201, c.body);
      const id = c.json().id as string;
      if (car) {
        const v = await admin.send('POST', '/api/vehicles', { ...car, ownerId: id });
        assert.equal(v.statusCode, 201, v.body);
      }
      return id;
    };
    const search = async (q: string, limit = 100) => {
      const res = await admin.get(`/api/customers?q=${encodeURIComponent(q)}&limit=${limit}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items as { id: string; name: string; primaryPhone: string }[];
    };

    // 40 customers whose phones hold "0001" somewhere; short names, so that ordered by name alone
    // (as before) the one whose phone ends in it would come last, past the first page.
    const middle: string[] = [];
    for (let i = 0; i < 39; i++) middle.push(await make(`客${i}`, [`1390001${String(2000 + i)}`]));
    const ending = await make('诸葛长名字的客户', ['13812340001']);

    const page = await search('0001', 20);
    assert.equal(page[0]?.id, ending, 'the phone ending in 0001 first');
    assert.equal(page[0]?.primaryPhone, '138****0001'); // search results stay masked
    const all = await search('0001');
    assert.equal(all.length, 41);
    assert.equal(all[0]?.id, ending);
    assert.deepEqual(new Set(all.slice(1, 40).map((c) => c.id)), new Set(middle), 'then the other phone matches');
    assert.equal(all[40]?.id, t.customerId, 'then the VIN match');
    // A second phone ending in the digits counts as well, and the rest keep their order.
    const second = await make('某', ['13600002222', '13700000001']);
    assert.deepEqual(
      (await search('0001')).slice(0, 2).map((c) => c.id),
      [second, ending], // both end in 0001: the one touched most recently first
    );

    // A 4-digit query ending two phones: both before the phone holding it elsewhere,
    // then the plate and the name in the order of before (shortest name first).
    const older = await make('欧阳一二三四五', ['13511115678']);
    const newer = await make('司马一二三四五', ['13622225678']);
    const inside = await make('甲', ['13656781234']);
    const plate = await make('乙', ['13900000000'], { vin: withCheckDigit('LSVAB2180K2999999'), plate: '沪A56789' });
    const named = await make('丙5678', ['13911110000']);
    const ids = async (q: string) => (await search(q)).map((c) => c.id);
    assert.deepEqual(await ids('5678'), [newer, older, inside, plate, named]);
    // Touching the older customer makes it the more recent one; the tiers stay.
    const put = await admin.send('PUT', `/api/customers/${older}`, {
      name: '欧阳一二三四五',
      phones: ['13511115678'],
      source: 'walk_in',
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(await ids('5678'), [older, newer, inside, plate, named]);
    // The whole number is its own suffix.
    assert.deepEqual(await ids('13622225678'), [newer]);
  });
});
