import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** A file inside root, or null: never a path that climbs out of it. */
export const resolveInside = async (root: string, relative: string): Promise<string | null> => {
  const path = normalize(join(root, relative));
  if (path !== root && !path.startsWith(root + sep)) return null;
  const info = await stat(path).catch(() => null);
  return info?.isFile() ? path : null;
};

export type Encoding = 'br' | 'gzip';

/** The better of brotli and gzip that an Accept-Encoding header allows (q > 0), or null for neither. */
export const acceptedEncoding = (header: string | undefined): Encoding | null => {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim());
    const weight = params.find((p) => p.startsWith('q='));
    q.set(name, weight ? Number(weight.slice(2)) || 0 : 1);
  }
  const allows = (e: string) => (q.get(e) ?? q.get('*') ?? 0) > 0;
  if (allows('br')) return 'br';
  if (allows('gzip')) return 'gzip';
  return null;
};

const textTypes = new Set(['.html', '.js', '.css', '.json', '.webmanifest', '.svg', '.txt', '.map']);
const suffix: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

// A page rewritten per request (the owner app's index.html with each tenant's <base>) is compressed here;
// it is small, and the copies are kept (one per tenant and encoding).
const packed = new Map<string, Buffer>();
const compressText = (body: string | Buffer, encoding: Encoding): Buffer => {
  const key = `${encoding}\0${body.toString()}`;
  let out = packed.get(key);
  if (!out) {
    out = encoding === 'br' ? brotliCompressSync(body) : gzipSync(body);
    if (packed.size >= 500) packed.clear();
    packed.set(key, out);
  }
  return out;
};

/**
 * Sends a file of a built app. Hashed build assets are cached for a year, everything else (index.html, the
 * service worker) is revalidated. Text goes brotli- or gzip-compressed when the client takes it: the copies
 * scripts/build.mjs wrote beside each file, or `body` compressed here when the page was rewritten.
 */
export const sendFile = async (reply: FastifyReply, path: string, body?: string | Buffer) => {
  const immutable = path.includes(`${sep}assets${sep}`);
  void reply
    .header('content-type', types[extname(path)] ?? 'application/octet-stream')
    .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (!textTypes.has(extname(path))) return reply.send(body ?? (await readFile(path)));
  void reply.header('vary', 'accept-encoding');
  const encoding = acceptedEncoding(reply.request.headers['accept-encoding']);
  if (encoding && body !== undefined)
    return reply.header('content-encoding', encoding).send(compressText(body, encoding));
  const copy = encoding && body === undefined ? await readFile(path + suffix[encoding]).catch(() => null) : null;
  if (encoding && copy) return reply.header('content-encoding', encoding).send(copy);
  return reply.send(body ?? (await readFile(path)));
};
