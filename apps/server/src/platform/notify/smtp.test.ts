import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { enqueueNotice } from './outbox.ts';
import { createSmtpProvider, messageIdFor } from './smtp.ts';
import { inTenant, parseMail, settled, tenantWith } from './test-kit.ts';

/**
 * A real SMTP server on a free port (smtp-server), reached by nodemailer over TCP with AUTH: nothing
 * about the mail path is faked. `answer` decides, per recipient, how the server replies to DATA.
 */
type Answer = 'accept' | { code: number; message: string };
const received: { to: string[]; raw: string }[] = [];
const plan = new Map<string, Answer[]>();
const dataCalls = new Map<string, number>();

const server = new SMTPServer({
  secure: false,
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true,
  authMethods: ['PLAIN', 'LOGIN'],
  onAuth: (auth, _session, cb) =>
    auth.username === 'm4s' && auth.password === 's3cret' ? cb(null, { user: 'm4s' }) : cb(new Error('Invalid login')),
  onData: (stream, session, cb) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const to = session.envelope.rcptTo.map((r) => r.address);
      const key = to[0] ?? '';
      dataCalls.set(key, (dataCalls.get(key) ?? 0) + 1);
      const next = plan.get(key)?.shift() ?? 'accept';
      if (next !== 'accept') return cb(Object.assign(new Error(next.message), { responseCode: next.code }));
      received.push({ to, raw: Buffer.concat(chunks).toString('utf8') });
      cb();
    });
  },
});

let smtpUrl = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://m4s:s3cret@127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const from = '示例汽车集团 <service@dealer.example.cn>';

const sendMail = async (to: string, answers: Answer[]) => {
  plan.set(to, answers);
  const smtp = createSmtpProvider(smtpUrl, from);
  const { t, done } = await tenantWith({ email: smtp });
  const id = await inTenant(t.slug, (ctx) =>
    enqueueNotice(ctx, {
      channel: 'email',
      to,
      kind: 'care',
      topic: 'maintenance',
      subject: '保养提醒：您的爱车即将到达保养里程',
      body: '尊敬的张先生：您好！您的爱车沪A·12345预计将于下周到达5000公里首保里程，欢迎提前预约到店。',
    }),
  );
  return { t, id, done: () => (done(), smtp.close()) };
};

describe('e-mail over SMTP', () => {
  test('enqueue → job → a real SMTP server: to, subject and Chinese body arrive, Message-ID from the notification', async () => {
    const to = 'zhang.san@example.cn';
    const { t, id, done } = await sendMail(to, ['accept']);
    try {
      const row = await settled(t.id, id);
      assert.equal(row.status, 'sent', row.last_error ?? '');
      assert.equal(row.attempts, 1);
      const got = received.filter((m) => m.to.includes(to));
      assert.equal(got.length, 1);
      const mail = parseMail(got[0]!.raw);
      assert.equal(mail.to, to);
      assert.equal(mail.subject, '保养提醒：您的爱车即将到达保养里程');
      assert.equal(
        mail.body,
        '尊敬的张先生：您好！您的爱车沪A·12345预计将于下周到达5000公里首保里程，欢迎提前预约到店。',
      );
      assert.equal(mail.messageId, messageIdFor(id, from));
      assert.equal(mail.messageId, `<${id}@dealer.example.cn>`);
      assert.equal(row.provider_ref, `smtp:<${id}@dealer.example.cn>`);
    } finally {
      done();
    }
  });

  test('a 5xx answer is permanent: failed after one attempt, never retried', async () => {
    const to = 'nobody@example.cn';
    const { t, id, done } = await sendMail(to, [{ code: 550, message: 'Mailbox unavailable' }]);
    try {
      const row = await settled(t.id, id);
      assert.equal(row.status, 'failed');
      assert.equal(row.attempts, 1);
      assert.match(row.last_error ?? '', /550/);
      await new Promise((r) => setTimeout(r, 5000)); // longer than the first retry's backoff
      assert.equal(dataCalls.get(to), 1, 'not retried');
      assert.equal((await settled(t.id, id)).attempts, 1);
    } finally {
      done();
    }
  });

  test('a 4xx answer is retried with backoff, then the message is delivered exactly once', async () => {
    const to = 'li.si@example.cn';
    const { t, id, done } = await sendMail(to, [{ code: 451, message: 'Try again later' }, 'accept']);
    try {
      const row = await settled(t.id, id, 40_000);
      assert.equal(row.status, 'sent', row.last_error ?? '');
      assert.equal(row.attempts, 2);
      assert.equal(row.last_error, null);
      assert.equal(dataCalls.get(to), 2);
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(received.filter((m) => m.to.includes(to)).length, 1, 'received once');
    } finally {
      done();
    }
  });
});
