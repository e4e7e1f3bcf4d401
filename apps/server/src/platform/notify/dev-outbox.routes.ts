import type { FastifyPluginAsync } from 'fastify';
import type { DevOutboxEntry } from './providers.ts';

const escapeHtml = (s: string) => s.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

const channelNames: Record<DevOutboxEntry['channel'], string> = {
  sms: '短信 SMS',
  email: '邮件 E-mail',
  inbox: '站内信 Inbox',
};

const row = (e: DevOutboxEntry) => {
  const subject = e.subject ? `<div class="subject">${escapeHtml(e.subject)}</div>` : '';
  return `<tr data-to="${escapeHtml(e.to)}" data-channel="${e.channel}"><td>${escapeHtml(e.sentAt)}</td><td>${channelNames[e.channel]}</td><td class="to">${escapeHtml(e.to)}</td><td class="body">${subject}${escapeHtml(e.body)}</td></tr>`;
};

const page = (entries: DevOutboxEntry[]) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>开发发件箱 · Dev outbox</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:24px;color:#1f2329}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #e5e6eb;padding:8px;text-align:left;vertical-align:top}th{background:#f7f8fa}
.note{color:#86909c}.subject{font-weight:600}</style></head><body><h1>开发发件箱 <small class="note">Development outbox</small></h1>
<p class="note">开发环境不发送真实短信与邮件，发出的短信、邮件和站内信显示在这里（最新在前；站内信的收件人为车主账号 ID）。
SMS, e-mail and inbox posts sent in development are listed here, newest first. This page does not exist in production.</p>
<table><thead><tr><th>时间 Time</th><th>渠道 Channel</th><th>收件人 To</th><th>内容 Message</th></tr></thead><tbody>
${entries.map(row).join('\n')}
</tbody></table></body></html>`;

/** Only registered outside production: the messages the development provider "sent". */
export const devOutboxRoutes =
  (sent: () => DevOutboxEntry[]): FastifyPluginAsync =>
  async (app) => {
    app.get('/dev/outbox', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page(sent())),
    );
    app.get('/dev/outbox.json', { schema: { hide: true } }, async () => ({ items: sent() }));
  };
