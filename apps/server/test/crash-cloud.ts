/**
 * A stand-in for Alibaba Cloud's SendSms on loopback, for the crash and soak runs (crash-kit.ts): outside the
 * server process, so it outlives a kill -9 and counts what really left the machine, per notification id.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';

const freePort = () =>
  new Promise<number>((done, fail) => {
    const srv = createNetServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => done(port));
    });
  });

// ── The stand-in SMS cloud ────────────────────────────────────────────────────────────────────────────

export type FakeCloud = {
  url: string;
  /** Every SendSms it accepted, by OutId (the notification id): how many times each arrived. */
  deliveries: Map<string, number>;
  /** The last code sent to each phone (the OTP template's `code` variable). */
  codes: Map<string, string>;
  close: () => Promise<void>;
};

export const startFakeCloud = async (delayMs = 40): Promise<FakeCloud> => {
  const deliveries = new Map<string, number>();
  const codes = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const params = new URLSearchParams(body);
      const id = params.get('OutId') ?? '';
      const phone = params.get('PhoneNumbers') ?? '';
      setTimeout(() => {
        deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
        try {
          const code = (JSON.parse(params.get('TemplateParam') ?? '{}') as { code?: string }).code;
          if (code) codes.set(phone, code);
        } catch {
          // Not a code message.
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Code: 'OK', Message: 'OK', BizId: `${randomUUID()}^0`, RequestId: randomUUID() }));
      }, delayMs);
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${port}/`,
    deliveries,
    codes,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
};
