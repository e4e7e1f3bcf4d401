import type { FastifyRequest } from 'fastify';
import { createTestTenant, testApp } from '../../../test/harness.ts';
import type { Ctx } from '../context.ts';

/** Runs `fn` in a tenant transaction with the app's real job queue, as a request would (test only). */
export const inTenant = async <T>(slug: string, fn: (ctx: Ctx) => Promise<T>): Promise<T> => {
  const { app } = await testApp();
  const req = { id: 'notify-test', ip: '127.0.0.1', headers: {}, log: app.log } as unknown as FastifyRequest;
  return app.ctx.anonymous(req, slug, fn);
};

export type Row = { status: string; attempts: number; last_error: string | null; provider_ref: string | null };

export const notificationRow = async (tenantId: string, id: string): Promise<Row> => {
  const { db } = await testApp();
  const { rows } = await db.owner.executeSql(
    'SELECT status, attempts, last_error, provider_ref FROM notifications WHERE tenant_id = $1 AND id = $2',
    [tenantId, id],
  );
  if (!rows[0]) throw new Error(`no notification ${id}`);
  return rows[0] as Row;
};

/** Waits until the notification has left 'queued' (jobs run in the background a moment later). */
export const settled = async (tenantId: string, id: string, timeoutMs = 30_000): Promise<Row> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await notificationRow(tenantId, id);
    if (row.status !== 'queued' || Date.now() > deadline) return row;
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** A fresh tenant whose e-mail and SMS go where the test says, restored when `done` is called. */
export const tenantWith = async (
  providers: Parameters<Awaited<ReturnType<typeof testApp>>['app']['m4s']['notify']['override']>[1],
) => {
  const { app } = await testApp();
  const t = await createTestTenant(['group_admin']);
  const done = app.m4s.notify.override(t.id, providers);
  return { t, done };
};

/** Decodes what a test SMTP server received: the headers as text, the body decoded to UTF-8. */
export const parseMail = (raw: string) => {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const rawBody = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? null;
  const words = (s: string) =>
    s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(qpBytes(text.replace(/_/g, ' '))).toString('utf8'),
    );
  const encoding = header('Content-Transfer-Encoding')?.toLowerCase();
  const body =
    encoding === 'base64'
      ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(qpBytes(rawBody.replace(/=\r\n/g, ''))).toString('utf8')
        : rawBody;
  return {
    messageId: header('Message-ID'),
    to: header('To'),
    subject: words(header('Subject') ?? ''),
    body: body.trim(),
  };
};

const qpBytes = (s: string): number[] => {
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 1) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(...Buffer.from(s[i] ?? '', 'utf8'));
  }
  return out;
};
