import type { FastifyPluginAsync } from 'fastify';
import { telematicsLimits, telematicsRoutes as r } from '@m4s/contracts';
import { AppError } from '../../platform/errors.ts';
import { serve } from '../../platform/http/serve.ts';
import { localeOf } from '../../platform/i18n.ts';
import * as service from './telematics.service.ts';

export const telematicsRoutes: FastifyPluginAsync = async (app) => {
  // The providers' ingest: the key names the tenant; its transaction is the job runner's kind (no session).
  serve(
    app,
    r.ingest,
    async (req) => {
      const key = service.parseIntegrationKey(req.headers[service.integrationKeyHeader]);
      if (!key) throw new AppError('INTEGRATION_KEY_INVALID');
      const locale = localeOf(req.headers['accept-language']);
      return app.m4s.runner.inTenant(key.tenantId, async (ctx) => {
        const integration = await service.authenticate(ctx, key.hash);
        return service.ingest(ctx, integration.id, req.body, locale);
      });
    },
    { rateLimitPerMinute: telematicsLimits.batchesPerMinute },
  );
  serve(app, r.integrations, async (ctx) => ({ items: await service.listIntegrations(ctx) }));
  serve(app, r.cars, async (ctx) => ({ items: await service.connectedCars(ctx) }));
  serve(app, r.rules, (ctx) => service.getRules(ctx));
  serve(app, r.putRules, (ctx, req) => service.putRules(ctx, req.body));
  serve(app, r.createIntegration, (ctx, req) => service.createIntegration(ctx, req.body));
  serve(app, r.revokeIntegration, (ctx, req) => service.revokeIntegration(ctx, req.params.id));
  serve(app, r.ownerCar, (ctx, req) => service.ownerCar(ctx, req.params.vehicleId));
  serve(app, r.giveConsent, (ctx, req) => service.giveConsent(ctx, req.params.vehicleId));
  serve(app, r.revokeConsent, (ctx, req) => service.revokeConsent(ctx, req.params.vehicleId));
};
