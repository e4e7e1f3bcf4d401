import type { FastifyPluginAsync } from 'fastify';
import { careRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { dryRun, listRules, listTemplates, previewTemplateAt, putTemplateAt, saveRuleAt } from './care.service.ts';
import { completeTask, listTasks, reassignTask, snoozeTask } from './tasks.service.ts';

/** Care: rules and templates (care.manage), the dry run, and the advisors' tasks (care.tasks). */
export const careRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.rules, (ctx) => listRules(ctx));
  serve(app, r.saveRule, (ctx, req) => saveRuleAt(ctx, req.params.key, req.body));
  serve(app, r.templates, (ctx) => listTemplates(ctx));
  serve(app, r.saveTemplate, (ctx, req) => putTemplateAt(ctx, req.params, req.body));
  serve(app, r.previewTemplate, (ctx, req) => previewTemplateAt(ctx, req.params, req.query.customerId));
  serve(app, r.dryRun, (ctx, req) => dryRun(ctx, req.query.day));
  serve(app, r.tasks, async (ctx, req) => ({ items: await listTasks(ctx, req.query.scope, req.query.status) }));
  serve(app, r.completeTask, (ctx, req) => completeTask(ctx, req.params.id, req.body));
  serve(app, r.snoozeTask, (ctx, req) => snoozeTask(ctx, req.params.id, new Date(req.body.until)));
  serve(app, r.reassignTask, (ctx, req) => reassignTask(ctx, req.params.id, req.body.assigneeId));
};
