import type { FastifyPluginAsync } from 'fastify';
import { reportRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { staffTx } from '../../platform/http/staff-tx.ts';
import { attachment } from '../imports/xlsx-out.ts';
import * as service from './reports.service.ts';

/** 月度报告 (docs/reports.md): the list, generating a month now, both files, the subscriptions. */
export const reportRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.list, (ctx, req) => service.list(ctx, req.query));
  serve(app, r.generate, (ctx, req) => service.generate(ctx, req.body));
  for (const which of ['xlsx', 'pdf'] as const)
    serve(app, r[which], async (req, reply) => {
      const file = await staffTx(app, req, r[which].permission)((ctx) => service.download(ctx, req.params.id, which));
      return reply
        .header('content-type', file.mime)
        .header('content-disposition', attachment(file.fileName, file.fallbackName))
        .header('cache-control', 'no-store')
        .send(file.buffer);
    });
  serve(app, r.subscriptions, (ctx) => service.subscriptions(ctx));
  serve(app, r.subscribe, (ctx, req) => service.subscribe(ctx, req.body));
  serve(app, r.unsubscribe, (ctx, req) => service.unsubscribe(ctx, req.params.id));
};
