import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInOwner, testApp } from '../../../test/harness.ts';
import { enqueueNotice, enqueueSends } from './outbox.ts';
import type { OutgoingMessage, Provider } from './providers.ts';
import { inTenant, notificationRow, settled, tenantWith } from './test-kit.ts';

/** What part C's gate does: notifications rows written by SQL, then their sends enqueued. */
const insertBySql = async (slug: string, row: { channel: string; recipient: string; subject?: string; ref?: string }) =>
  inTenant(slug, async (ctx) => {
    const { rows } = await ctx.sql.executeSql(
      `INSERT INTO notifications (tenant_id, channel, recipient, kind, topic, subject, body, attempts, provider_ref)
       VALUES ($1, $2, $3, 'care', 'maintenance', $4, '您的爱车即将到达保养里程，欢迎预约到店。', $5, $6) RETURNING id`,
      [ctx.tenantId, row.channel, row.recipient, row.subject ?? null, row.ref ? 1 : 0, row.ref ?? null],
    );
    const id = rows[0]?.id as string;
    await enqueueSends(ctx, [{ notificationId: id }]);
    return id;
  });

const counting = (dedupes: boolean) => {
  const calls: OutgoingMessage[] = [];
  const provider: Provider = {
    name: 'counting',
    dedupes,
    send: async (m) => {
      calls.push(m);
      return Promise.resolve({ ref: `counted-${m.notificationId}` });
    },
  };
  return { provider, calls };
};

type DevItem = { channel: string; to: string; subject: string | null; body: string; notificationId: string };

describe('the outbox: channels and statuses', () => {
  test('an inbox notification written by SQL reaches the owner’s 消息中心, titled by its topic, exactly once', async () => {
    const { app, db } = await testApp();
    const t = await createTestTenant();
    const phone = '13700000061';
    const owner = await signInOwner(t.slug, phone);
    const { rows } = await db.owner.executeSql('SELECT id FROM owners WHERE tenant_id = $1 AND phone = $2', [
      t.id,
      phone,
    ]);
    const ownerId = rows[0]?.id as string;
    const id = await insertBySql(t.slug, { channel: 'inbox', recipient: ownerId });
    const row = await settled(t.id, id);
    assert.equal(row.status, 'sent', row.last_error ?? '');
    assert.equal(row.attempts, 1);
    assert.match(row.provider_ref ?? '', /^inbox:/);
    const inbox = (await owner.get('/api/owner/inbox')).json<{
      items: { title: string; body: string }[];
      unread: number;
    }>();
    assert.equal(inbox.unread, 1);
    assert.deepEqual(
      inbox.items.map((i) => [i.title, i.body]),
      [['保养提醒', '您的爱车即将到达保养里程，欢迎预约到店。']],
    );
    // Sending the same id again (a duplicate job) changes nothing.
    await inTenant(t.slug, (ctx) => enqueueSends(ctx, [{ notificationId: id }]));
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await owner.get('/api/owner/inbox')).json<{ unread: number }>().unread, 1);
    const dev = (await app.inject({ method: 'GET', url: '/dev/outbox.json' })).json<{ items: DevItem[] }>().items;
    assert.equal(dev.filter((d) => d.notificationId === id && d.channel === 'inbox' && d.to === ownerId).length, 1);
  });

  test('without SMTP_URL (development) e-mail goes to the development outbox, listed with its subject', async () => {
    const { app } = await testApp();
    const t = await createTestTenant();
    const id = await inTenant(t.slug, (ctx) =>
      enqueueNotice(ctx, {
        channel: 'email',
        to: 'wang.wu@example.cn',
        kind: 'care',
        topic: 'insurance',
        subject: '车险到期提醒',
        body: '您的车险将于30天后到期。',
      }),
    );
    assert.equal((await settled(t.id, id)).status, 'sent');
    const dev = (await app.inject({ method: 'GET', url: '/dev/outbox.json' })).json<{ items: DevItem[] }>().items;
    const mail = dev.find((d) => d.notificationId === id);
    assert.equal(mail?.channel, 'email');
    assert.equal(mail?.subject, '车险到期提醒');
    const html = (await app.inject({ method: 'GET', url: '/dev/outbox' })).body;
    assert.match(
      html,
      /<tr data-to="wang\.wu@example\.cn" data-channel="email">.*车险到期提醒.*您的车险将于30天后到期。/,
    );
  });

  test('startAfter holds the send until then', async () => {
    const { provider, calls } = counting(false);
    const { t, done } = await tenantWith({ sms: provider });
    try {
      const id = await inTenant(t.slug, async (ctx) => {
        const { rows } = await ctx.sql.executeSql(
          `INSERT INTO notifications (tenant_id, channel, recipient, kind, topic, body)
           VALUES ($1, 'sms', '13700000062', 'care', 'maintenance', '【测试】保养提醒') RETURNING id`,
          [ctx.tenantId],
        );
        const created = rows[0]?.id as string;
        await enqueueSends(ctx, [{ notificationId: created, startAfter: new Date(Date.now() + 3000) }]);
        return created;
      });
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal((await notificationRow(t.id, id)).status, 'queued');
      assert.equal(calls.length, 0);
      assert.equal((await settled(t.id, id)).status, 'sent');
      assert.equal(calls.length, 1);
    } finally {
      done();
    }
  });

  test('after a crash mid-send, a provider that cannot de-duplicate is not called again: failed, reason kept', async () => {
    const { provider, calls } = counting(false);
    const { t, done } = await tenantWith({ sms: provider });
    try {
      // The state a crash leaves: attempt 1 claimed (committed), its outcome never recorded.
      const id = await insertBySql(t.slug, { channel: 'sms', recipient: '13700000063', ref: 'claim:1' });
      const row = await settled(t.id, id);
      assert.equal(row.status, 'failed');
      assert.match(row.last_error ?? '', /interrupted during claim:1: outcome unknown, not resent/);
      assert.equal(calls.length, 0, 'no second message');
    } finally {
      done();
    }
  });

  test('after a crash mid-send, a de-duplicating provider is simply asked again', async () => {
    const { provider, calls } = counting(true);
    const { t, done } = await tenantWith({ sms: provider });
    try {
      const id = await insertBySql(t.slug, { channel: 'sms', recipient: '13700000064', ref: 'claim:1' });
      const row = await settled(t.id, id);
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 2);
      assert.equal(row.provider_ref, `counted-${id}`);
      assert.equal(calls.length, 1);
    } finally {
      done();
    }
  });
});

describe('the outbox: order', () => {
  test('a sign-in code queued behind a night of care messages is sent before them', async () => {
    const { provider, calls } = counting(true);
    const { t, done } = await tenantWith({ sms: provider });
    try {
      // One transaction, as the first night's sweep and an owner's code request could commit back to back:
      // 30 care messages queued first, the code last. The worker sees them all at once.
      const { care, code } = await inTenant(t.slug, async (ctx) => {
        const { rows } = await ctx.sql.executeSql(
          `INSERT INTO notifications (tenant_id, channel, recipient, kind, topic, body)
           SELECT $1, 'sms', '1370000' || lpad(n::text, 4, '0'), 'care', 'maintenance', '【测试】保养提醒'
           FROM generate_series(1, 30) AS n RETURNING id`,
          [ctx.tenantId],
        );
        const ids = rows.map((r) => String(r.id));
        await enqueueSends(
          ctx,
          ids.map((notificationId) => ({ notificationId })),
        );
        const otp = await enqueueNotice(ctx, {
          channel: 'sms',
          to: '13700000065',
          kind: 'transactional',
          topic: 'auth.otp',
          body: '【测试】您的登录验证码为 123456，5分钟内有效。',
        });
        return { care: ids, code: otp };
      });
      for (const id of [code, ...care]) assert.equal((await settled(t.id, id)).status, 'sent');
      assert.equal(calls.length, 31);
      assert.equal(calls[0]?.notificationId, code, 'the code is the first message the provider is given');
    } finally {
      done();
    }
  });
});
