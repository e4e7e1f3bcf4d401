import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { operatorRoutes as r } from '@m4s/contracts';
import { operatorCookie } from '../../platform/auth/operator-sessions.ts';
import { serve } from '../../platform/http/serve.ts';
import { backupStream, refuseCitusBackup } from '../../platform/backup/serve-backup.ts';
import { listAudit, operatorAudit } from './operator-audit.ts';
import * as auth from './operator-auth.service.ts';
import { tenantExport } from './tenant-export.ts';
import * as tenants from './tenants-admin.service.ts';

/** The platform operator's API (docs/operator.md): its own cookie, session and audit log; no tenant's. */
export const operatorApiRoutes: FastifyPluginAsync = async (app) => {
  const secure = app.m4s.config.NODE_ENV === 'production';
  serve(
    app,
    r.signIn,
    async (req, reply) => {
      const result = await app.ctx.operatorDoor(req, (ctx) => auth.signInOperator(ctx, req.body));
      if (!result.ok) throw result.error;
      void reply.setCookie(operatorCookie.name, result.cookie, {
        path: operatorCookie.path,
        httpOnly: true,
        sameSite: 'strict',
        secure,
      });
      return result.me;
    },
    { rateLimitPerMinute: 20 },
  );
  serve(app, r.me, (ctx) => auth.currentOperator(ctx));
  serve(app, r.signOut, async (ctx, _req, reply) => {
    await auth.signOutOperator(ctx);
    void reply.clearCookie(operatorCookie.name, { path: operatorCookie.path });
    return null;
  });
  serve(app, r.listTenants, (ctx) => tenants.listTenants(ctx));
  serve(app, r.createTenant, (ctx, req) => tenants.provisionTenant(ctx, req.body));
  serve(app, r.suspendTenant, (ctx, req) => tenants.suspendTenant(ctx, req.params.id, req.body));
  serve(app, r.resumeTenant, (ctx, req) => tenants.resumeTenant(ctx, req.params.id, req.body));
  // The audit entry commits with the request's transaction; the rows follow, read in short ones of their own.
  // The stream is returned, not sent here: a reply is a thenable that waits for the response, which would
  // wait for the stream, which waits for this transaction to end.
  serve(app, r.exportTenant, async (ctx, req, reply) => {
    const { tenant, fileName } = await tenants.startExport(ctx, req.params.id);
    void reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store');
    return Readable.from(tenantExport(ctx, tenant.id));
  });
  // The audit entry commits with the request; the snapshot is taken as the answer streams, after it.
  serve(app, r.backup, async (ctx, _req, reply) => {
    await refuseCitusBackup(app.m4s.db);
    await operatorAudit(ctx, { action: 'installation.backed_up', details: { engine: app.m4s.db.engine } });
    void reply
      .type('application/octet-stream')
      .header(
        'content-disposition',
        `attachment; filename="m4s-backup-${ctx.clock.now().toISOString().slice(0, 10)}.m4sbackup"`,
      )
      .header('cache-control', 'no-store');
    return Readable.from(backupStream(app.m4s.db, app.m4s.config, ctx.clock.now()));
  });
  serve(app, r.audit, (ctx, req) => listAudit(ctx, req.query));
};
