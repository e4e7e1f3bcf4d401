import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { join } from 'node:path';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Database } from './platform/db/types.ts';
import { withCommitHooks } from './platform/events.ts';
import { registerErrorHandler } from './platform/http/error-handler.ts';
import { allRequestContexts, type RequestContexts } from './platform/http/request-context.ts';
import { registerSecurity } from './platform/http/security.ts';
import { startJobRunner, type JobRunner } from './platform/jobs/runner.ts';
import { devOutboxRoutes } from './platform/notify/dev-outbox.routes.ts';
import { createChannels, type Channels } from './platform/notify/channels.ts';
import { sendJob } from './platform/notify/outbox.ts';
import type { Provider } from './platform/notify/providers.ts';
import { registerSpa } from './platform/web/spa.ts';
import { logOptions, type LogStream } from './platform/log.ts';
import { apiRoutes } from './routes.ts';
import { ownerWebRoutes } from './modules/tenants/owner-web.routes.ts';
import { importRunJob } from './modules/imports/run.job.ts';
import { complaintDeadlineJob } from './modules/complaints/complaints.escalation.ts';
import { bookingRemindJob } from './modules/booking/reminder.job.ts';
import { recoveryEscalateJob } from './modules/recovery/recovery.job.ts';
import { careSweepJob } from './modules/care/care.jobs.ts';
import { classifyJob } from './modules/segments/classify.job.ts';
import { ensureNightly } from './platform/nightly/schedule.ts';
import { nightlyJob, nightlySteps } from './nightly.ts';
import { systemResolver } from './platform/webhooks/address.ts';
import { deliverJob } from './platform/webhooks/deliver.ts';
import { attemptTimeoutMs } from './platform/webhooks/jobs.ts';
import { keepWebhooksMoving } from './platform/webhooks/sweep.ts';

/** Every route as registered, for the cross-tenant suite and the docs. */
export type RouteEntry = { method: string; url: string };

/** `logStream`: where the log lines go instead of stdout (a test that reads what a failure logged). */
export type AppDeps = { db: Database; clock?: Clock; sms?: Provider; logStream?: LogStream };

declare module 'fastify' {
  interface FastifyInstance {
    ctx: RequestContexts;
    m4s: { config: Config; db: Database; routes: RouteEntry[]; notify: Channels; runner: JobRunner };
  }
}

/**
 * Every active tenant's nights (platform/nightly): at start and then hourly, a new tenant's first night runs
 * at once, missed nights are caught up and the chain is kept going; a failure is logged, never fatal.
 */
const keepNightlyChains = (db: Database, runner: JobRunner, log: FastifyBaseLogger) => {
  const ensure = async () => {
    try {
      const { rows } = await db.owner.executeSql("SELECT id FROM tenants WHERE status = 'active'");
      for (const { id } of rows) await runner.inTenant(String(id), (ctx) => ensureNightly(ctx, nightlySteps));
    } catch (error) {
      log.error({ err: error }, 'could not schedule the nightly runs');
    }
  };
  void ensure();
  const timer = setInterval(() => void ensure(), 60 * 60_000);
  timer.unref();
  return timer;
};

const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

/** The whole server as one Fastify instance; main.ts listens with it, tests inject into it. */
export const buildApp = async (config: Config, deps: AppDeps): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: logOptions(config, deps.logStream),
    bodyLimit: 256 * 1024,
    // Which X-Forwarded-For hops to believe (docs/configuration.md): none by default.
    // (a hop count N trusts the N nearest hops, as Fastify's own number option does; its types lack it).
    trustProxy: typeof config.TRUSTED_PROXIES === 'number' ? trustHops(config.TRUSTED_PROXIES) : config.TRUSTED_PROXIES,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: false },
    // The job runner starts first, and on the embedded engine a job's query (the first night on a fresh
    // demo) runs on this thread: a plugin's start can wait minutes on a loaded machine without anything
    // being wrong. Avvio's default of 10 s failed fresh starts there (AVV_ERR_PLUGIN_EXEC_TIMEOUT).
    pluginTimeout: 300_000,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const clock = deps.clock ?? systemClock;
  // Outgoing channels (SMS, e-mail; inbox needs none): docs/notifications.md.
  const notify = createChannels(config, deps.sms ? { sms: deps.sms } : {});
  // Live events (platform/events.ts) leave after their transaction commits, in requests and jobs alike.
  const db = withCommitHooks(deps.db);
  const runner = await startJobRunner({
    db,
    jobs: [
      sendJob(notify),
      importRunJob(config.DATA_DIR),
      bookingRemindJob,
      recoveryEscalateJob,
      classifyJob,
      careSweepJob,
      nightlyJob,
      // Complaint deadlines (docs/complaints.md): warnings and automatic escalation at their moment.
      complaintDeadlineJob,
      // Webhook deliveries (docs/webhooks.md): private addresses refused in production, at delivery too.
      deliverJob({
        production: config.NODE_ENV === 'production',
        resolve: systemResolver,
        timeoutMs: attemptTimeoutMs,
      }),
    ],
    clock,
    log: app.log,
    work: config.JOBS === 'on',
  });
  // Each tenant's nightly steps (src/nightly.ts): classification, then the care sweep.
  const nightly = config.JOBS === 'on' ? keepNightlyChains(db, runner, app.log) : null;
  const webhooks = config.JOBS === 'on' ? keepWebhooksMoving(db, runner, app.log) : null;
  app.addHook('onClose', async () => {
    if (nightly) clearInterval(nightly);
    if (webhooks) clearInterval(webhooks);
    await runner.stop();
    notify.close();
  });

  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });
  app.decorate('m4s', { config, db: deps.db, routes, notify, runner });
  app.decorate('ctx', allRequestContexts({ db, runner, clock }));
  await registerSecurity(app);
  registerErrorHandler(app);

  await app.register(swagger, {
    openapi: { info: { title: 'M4S API', version: '0.1.0', description: '4S dealer customer-lifecycle platform' } },
    transform: jsonSchemaTransform,
  });
  // The API documentation: open in development; in production only for signed-in staff.
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    ...(config.NODE_ENV === 'production'
      ? {
          uiHooks: {
            onRequest: (req, _reply, done) => {
              // A staff session of any role (its transaction opened and closed); otherwise 401 as the API answers.
              app.ctx.staff(req, null, async () => undefined).then(() => done(), done);
            },
          },
        }
      : {}),
  });
  await app.register(apiRoutes, { prefix: '/api' });
  const dev = notify.dev;
  if (dev) await app.register(devOutboxRoutes(() => dev.sent()));
  if (config.webRoot) {
    const root = config.webRoot;
    registerSpa(app, '/admin', join(root, 'admin', 'dist'));
    registerSpa(app, '/advisor', join(root, 'advisor', 'dist'));
    await app.register(ownerWebRoutes(join(root, 'owner', 'dist')));
    app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/admin/'));
  }
  return app;
};
