import type { FastifyPluginAsync } from 'fastify';
import type { DevOutboxEntry } from './providers.ts';

const escapeHtml = (s: string) => s.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

const page = (entries: DevOutboxEntry[]) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>开发短信发件箱 · Dev outbox</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:24px;color:#1f2329}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #e5e6eb;padding:8px;text-align:left;vertical-align:top}th{background:#f7f8fa}
.note{color:#86909c}</style></head><body><h1>开发短信发件箱 <small class="note">Development outbox</small></h1>
<p class="note">开发环境不发送真实短信，发出的消息显示在这里（最新在前）。This page does not exist in production.</p>
<table><thead><tr><th>时间 Time</th><th>渠道 Channel</th><th>收件人 To</th><th>内容 Message</th></tr></thead><tbody>
${entries.map((e) => `<tr data-to="${escapeHtml(e.to)}"><td>${escapeHtml(e.sentAt)}</td><td>${e.channel}</td><td class="to">${escapeHtml(e.to)}</td><td class="body">${escapeHtml(e.body)}</td></tr>`).join('\n')}
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
