import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { FormField, OwnerServiceRequest, OwnerServices, Role, StaffServiceRequest } from '@m4s/contracts';
import { createTestTenant, signInOwner, signInStaff } from '../../../test/harness.ts';
import { ownerWith } from '../content/test-kit.ts';
import { catalogue } from './catalogue/index.ts';
import { enableServices } from './test-kit.ts';

// Every service of the registry (issue 17 point 3), walked end to end through the API from its manifest alone:
// offered once on, its form answered as an owner would, the case in its handler's queue, every step taken, closed.

const valid = (f: FormField): string | number | null => {
  switch (f.kind) {
    case 'text':
    case 'textarea':
      return f.key === 'plate' ? '沪A12345' : '测试内容';
    case 'phone':
      return '13900000231';
    case 'date':
      return '2027-03-01';
    case 'select':
      return f.options?.[0]?.value ?? null;
    case 'number':
      return f.min ?? 1;
    case 'location':
    case 'photo':
      return null;
  }
};
const answersOf = (fields: readonly FormField[]) =>
  Object.fromEntries(
    fields.filter((f) => f.kind !== 'location' && f.kind !== 'photo').map((f) => [f.key, valid(f)] as const),
  );

const handlers = [...new Set(catalogue.map((s) => s.handler))] as Role[];

describe('车业务: every registered service works from its folder', () => {
  test('the registry: twelve services, booking opens its flow, the rest a form with steps to done', () => {
    assert.deepEqual(
      catalogue.map((s) => s.id),
      [
        'rescue',
        'booking',
        'pickup',
        'insurance_quote',
        'inspection',
        'violations',
        'new_car',
        'trade_in',
        'warranty',
        'car_wash',
        'accessories',
        'key_or_rental',
      ],
    );
    assert.equal(catalogue.find((s) => s.id === 'booking')?.opens, '/book');
    for (const s of catalogue.filter((x) => !x.opens)) {
      assert.ok(s.fields.length > 0, `${s.id} asks something`);
      assert.ok(s.steps.length > 0, `${s.id} has steps`);
      assert.ok(s.name['zh-CN'] && s.name.en, `${s.id} is named in both languages`);
    }
    assert.equal(new Set(catalogue.map((s) => s.id)).size, catalogue.length, 'ids are unique');
  });

  test('each form is accepted, joins its handler queue, and is taken step by step to closed', async () => {
    const t = await createTestTenant(handlers);
    const settings = Object.fromEntries(
      catalogue.map((s) => [s.id, Object.fromEntries(s.settings.map((x) => [x.key, '400-820-1234']))] as const),
    );
    await enableServices(t.id, t.storeId, settings);
    await ownerWith(t, { phone: '13900000231', vin: 'LFV2A21K8J3000231', storeId: t.storeId, tier: null, rfm: null });
    const owner = await signInOwner(t.slug, '13900000231');
    const offered = (await owner.get('/api/owner/services')).json<OwnerServices>();
    assert.deepEqual(
      offered.items.map((i) => i.id),
      catalogue.map((s) => s.id),
      'every service is offered once on with its settings',
    );
    // A position is kept only for a service whose form asks for it (rescue), consent or not.
    for (const s of catalogue.filter((x) => !x.opens && !x.fields.some((f) => f.kind === 'location'))) {
      const res = await owner.send('POST', '/api/owner/service-requests', {
        serviceId: s.id,
        storeId: t.storeId,
        answers: answersOf(s.fields),
        locationConsent: true,
        location: { lat: 31.23, lng: 121.47 },
      });
      assert.equal(res.statusCode, 400, `${s.id} takes no position: ${res.body}`);
    }
    for (const s of catalogue.filter((x) => !x.opens)) {
      const res = await owner.send('POST', '/api/owner/service-requests', {
        serviceId: s.id,
        storeId: t.storeId,
        answers: answersOf(s.fields),
      });
      assert.equal(res.statusCode, 201, `${s.id}: ${res.body}`);
      const made = res.json<OwnerServiceRequest>();
      assert.equal(made.status, 'received', s.id);
      const staff = await signInStaff(t.slug, s.handler.replace(/_/g, '.'));
      const queue = (await staff.get('/api/service-requests')).json<{ items: { id: string }[] }>().items;
      assert.ok(
        queue.some((i) => i.id === made.id),
        `${s.id} is in the ${s.handler} queue`,
      );
      let last: StaffServiceRequest | null = null;
      for (const step of s.steps) {
        const r = await staff.send('POST', `/api/service-requests/${made.id}/advance`, {
          to: step.key,
          details: answersOf(step.fields),
        });
        assert.equal(r.statusCode, 200, `${s.id} → ${step.key}: ${r.body}`);
        last = r.json<StaffServiceRequest>();
      }
      assert.equal(last?.closed, true, `${s.id} is closed by its last step`);
      const seen = (await owner.get(`/api/owner/service-requests/${made.id}`)).json<OwnerServiceRequest>();
      assert.deepEqual(
        seen.events.map((e) => e.status),
        ['received', ...s.steps.map((x) => x.key)],
        `${s.id}: the owner sees every step`,
      );
    }
  });
});

describe('车业务: a request photo', () => {
  test('is re-encoded: a JPEG without its EXIF (GPS); staff read it, what does not decode is a 400', async () => {
    const t = await createTestTenant(['service_advisor']);
    await enableServices(t.id, t.storeId, { rescue: { rescueLine: '400-820-1234' } });
    await ownerWith(t, { phone: '13900000232', vin: 'LFV2A21K8J3000232', storeId: t.storeId, tier: null, rfm: null });
    const owner = await signInOwner(t.slug, '13900000232');
    const png = await sharp({ create: { width: 48, height: 48, channels: 3, background: '#3366aa' } })
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1' } })
      .png()
      .toBuffer();
    const body = {
      serviceId: 'rescue',
      storeId: t.storeId,
      answers: { trouble: 'tyre', address: '中山路1号', contact: '13900000232' },
    };
    const bad = await owner.send('POST', '/api/owner/service-requests', {
      ...body,
      photo: 'data:image/png;base64,AAAA',
    });
    assert.equal(bad.statusCode, 400);
    const res = await owner.send('POST', '/api/owner/service-requests', {
      ...body,
      photo: `data:image/png;base64,${png.toString('base64')}`,
    });
    assert.equal(res.statusCode, 201, res.body);
    const advisor = await signInStaff(t.slug, 'service.advisor');
    const served = await advisor.inject({
      method: 'GET',
      url: `/api/service-requests/${res.json<OwnerServiceRequest>().id}/photo`,
    });
    assert.equal(served.statusCode, 200);
    assert.equal(served.headers['content-type'], 'image/jpeg');
    assert.equal((await sharp(served.rawPayload).metadata()).exif, undefined);
  });
});
