import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Booking } from '@m4s/contracts';
import { bookingIcs } from './calendar.ts';

// Issue 13, finding 6: a bare CR in a store's address started a new line of the .ics file (a property of
// the attacker's choosing). RFC 5545 text has no line break but the escaped \n, and no control characters.
test('the .ics file escapes every line break (a bare CR too) and drops control characters', () => {
  const booking = {
    id: '0190f1f2-0000-7000-8000-000000000001',
    status: 'confirmed',
    startsAt: '2026-12-08T02:00:00.000Z',
    endsAt: '2026-12-08T03:00:00.000Z',
    store: {
      name: '上海浦东4S店',
      address: '上海市浦东新区\rX-INJECT:evil\n世纪大道1号\u0007',
      phone: '021-5000\r\n0000',
    },
    serviceType: { name: '常规保养', bring: '保养手册\rATTACH:http://evil.example/x' },
    vehicle: { plate: '沪A12345' },
  } as unknown as Booking;
  const ics = bookingIcs(booking, new Date('2026-12-06T00:00:00Z'), 'm4s.test');
  assert.doesNotMatch(ics, /\r(?!\n)/, 'a bare CR is left in the file');
  // eslint-disable-next-line no-control-regex -- the control characters are what is looked for
  assert.doesNotMatch(ics, /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/, 'a control character is left in the file');
  const lines = ics.split('\r\n');
  assert.ok(!lines.some((l) => /^(X-INJECT|ATTACH)/.test(l)), ics);
  assert.ok(lines.some((l) => l.startsWith('LOCATION:') && l.includes('上海市浦东新区\\nX-INJECT:evil\\n世纪大道1号')));
});
