import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Complaint } from '@m4s/contracts';
import { createTestTenant, signInStaff, testApp } from '../../../test/harness.ts';
import { walkToFollowUp } from './test-kit.ts';

const body = { category: 'repair_quality', channel: 'phone', summary: '客户说住在某小区，车辆返修仍异响' };

describe('complaints are personal data: export, erasure, merging', () => {
  test('the PIPL export holds the customer’s complaints in full', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const opened = await admin.send('POST', `/api/customers/${t.customerId}/complaints`, body);
    assert.equal(opened.statusCode, 201, opened.body);
    const data = (await admin.get(`/api/customers/${t.customerId}/export`)).json<{ complaints: Complaint[] }>();
    assert.equal(data.complaints.length, 1);
    assert.equal(data.complaints[0]?.summary, body.summary);
    assert.equal(data.complaints[0]?.category, 'repair_quality');
  });

  test('erasure keeps the complaints as records and blanks what the customer said and how it was resolved', async () => {
    const { db } = await testApp();
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const closed = (await admin.send('POST', `/api/customers/${t.customerId}/complaints`, body)).json<Complaint>();
    // Issue 15: a case closes after its follow-up, with an improvement item (the admin is a manager).
    await walkToFollowUp(admin, closed.id, t.staffIds.group_admin!);
    const close = await admin.send('POST', `/api/complaints/${closed.id}/close`, {
      resolution: '已为客户更换减震器',
      improvements: [{ what: '减震器到货检验', ownerId: t.staffIds.group_admin, due: '2026-12-31' }],
    });
    assert.equal(close.statusCode, 200, close.body);
    await admin.send('POST', `/api/customers/${t.customerId}/complaints`, { ...body, severity: 'major' });
    const erased = await admin.send('POST', `/api/customers/${t.customerId}/erase`, { reason: '客户申请注销' });
    assert.equal(erased.statusCode, 200, erased.body);
    const left = await db.owner.executeSql(
      `SELECT category, severity, status, summary, resolution, received_by IS NOT NULL AS received
       FROM complaints WHERE tenant_id = $1 AND customer_id = $2 ORDER BY status`,
      [t.id, t.customerId],
    );
    assert.deepEqual(left.rows, [
      { category: 'repair_quality', severity: 'normal', status: 'closed', summary: '', resolution: '', received: true },
      { category: 'repair_quality', severity: 'major', status: 'open', summary: '', resolution: null, received: true },
    ]);
    // An erased customer is gone from the staff's view, complaints included.
    assert.equal((await admin.get(`/api/customers/${t.customerId}/complaints`)).statusCode, 404);
  });

  test('merging moves the duplicate’s complaints to the kept record', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const kept = await admin.send('POST', '/api/customers', {
      name: '保留',
      phones: ['13955553333'],
      source: 'walk_in',
    });
    const keptId = kept.json<{ id: string }>().id;
    const dup = (await admin.send('POST', `/api/customers/${t.customerId}/complaints`, body)).json<Complaint>();
    const merged = await admin.send('POST', `/api/customers/${keptId}/merge`, { fromId: t.customerId });
    assert.equal(merged.statusCode, 200, merged.body);
    const items = (await admin.get(`/api/customers/${keptId}/complaints`)).json<{ items: Complaint[] }>().items;
    assert.deepEqual(
      items.map((c) => [c.id, c.customerId]),
      [[dup.id, keptId]],
    );
    const audit = (await admin.get('/api/audit?action=customer.merged')).json<{
      items: { details: { moved: object } }[];
    }>();
    assert.equal((audit.items[0]?.details.moved as Record<string, number>).complaints, 1);
  });
});
