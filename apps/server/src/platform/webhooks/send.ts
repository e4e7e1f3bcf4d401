import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { StringDecoder } from 'node:string_decoder';

/** How much of an answer's body the log keeps. */
export const responseBodyLimit = 2048;

export type PostResult =
  { ok: true; statusCode: number; body: string; durationMs: number } | { ok: false; error: string; durationMs: number };

/**
 * POSTs `body` to `url`, connecting to `target` (the address already checked) whatever DNS says by now;
 * TLS still verifies the certificate against the URL's host name. No redirect is followed. The answer's
 * body is read up to `responseBodyLimit` bytes; the whole exchange is cut at `timeoutMs`.
 */
export const postJson = (input: {
  url: URL;
  target: { address: string; family: 4 | 6 };
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}): Promise<PostResult> => {
  const { url, target } = input;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = client.request(
      {
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        headers: { ...input.headers, 'content-length': String(Buffer.byteLength(input.body)) },
        lookup: pinned,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          // A character cut at the limit is left out, not turned into a replacement character.
          const text = new StringDecoder('utf8').write(Buffer.concat(chunks).subarray(0, responseBodyLimit));
          finish({ ok: true, statusCode: res.statusCode ?? 0, body: text, durationMs: elapsed() });
        };
        res.on('data', (chunk: Buffer) => {
          if (size >= responseBodyLimit) return;
          chunks.push(chunk);
          size += chunk.length;
          // Enough for the log: the rest is not read (the connection is closed).
          if (size >= responseBodyLimit) {
            done();
            res.destroy();
          }
        });
        res.on('end', done);
        res.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${input.timeoutMs / 1000} s`));
    }, input.timeoutMs);
    req.on('error', (error) => finish({ ok: false, error: error.message, durationMs: elapsed() }));
    req.end(input.body);
  });
};
