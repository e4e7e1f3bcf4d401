import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { resolveInside, sendFile } from './static-files.ts';

export type Spa = {
  root: string;
  /** Sends the file at `relative`, or the app's index.html (optionally rewritten) for client-side routes. */
  serve: (reply: FastifyReply, relative: string, rewriteIndex?: (html: string) => string) => Promise<FastifyReply>;
};

export const spa = (root: string): Spa => ({
  root,
  serve: async (reply, relative, rewriteIndex) => {
    const file = relative && relative !== 'index.html' ? await resolveInside(root, relative) : null;
    if (file) return sendFile(reply, file);
    // A missing asset is a 404, not the app shell (a stale tab asking for an old hashed bundle).
    if (relative.startsWith('assets/')) return reply.status(404).send();
    const indexPath = join(root, 'index.html');
    const html = await readFile(indexPath, 'utf8').catch(() => null);
    if (html === null)
      return reply.status(503).type('text/plain; charset=utf-8').send('This app has not been built: run npm start.');
    return sendFile(reply, indexPath, rewriteIndex ? rewriteIndex(html) : html);
  },
});

/** Serves a built app at a fixed prefix: /admin/ and /advisor/. */
export const registerSpa = (app: FastifyInstance, prefix: string, root: string) => {
  const site = spa(root);
  app.get(prefix, async (_req, reply) => reply.redirect(`${prefix}/`));
  app.get(`${prefix}/*`, { schema: { hide: true } }, async (req, reply) =>
    site.serve(reply, (req.params as { '*': string })['*']),
  );
};
