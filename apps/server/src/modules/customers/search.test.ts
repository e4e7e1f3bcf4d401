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
});
