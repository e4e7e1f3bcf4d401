import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  careDryRun,
  careDryRunQuery,
  careRule,
  careRuleInput,
  careRuleList,
  careRuleParams,
  careTask,
  careTaskDone,
  careTaskList,
  careTaskQuery,
  careTaskReassign,
  careTaskSnooze,
  careTemplate,
  careTemplateInput,
  careTemplateList,
  careTemplateParams,
  careTemplatePreview,
  careTemplatePreviewQuery,
  careRuleKeys,
  careTemplateKeys,
  idParams,
  touchChannels,
  type CareRuleKey,
  type CareTemplateKey,
  type TouchChannel,
} from '@m4s/contracts';
import { authorize } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/errors.ts';
import { dryRun, listTemplates, previewTemplate, putTemplate } from './care.service.ts';
import { loadRules, saveRule } from './rules.service.ts';
import { completeTask, listTasks, reassignTask, snoozeTask } from './tasks.service.ts';

const ruleKey = (key: string): CareRuleKey => {
  if (!(careRuleKeys as readonly string[]).includes(key)) throw new AppError('NOT_FOUND');
  return key as CareRuleKey;
};
const templateSlot = (p: { key: string; channel: string }): [CareTemplateKey, TouchChannel] => {
  const known = (careTemplateKeys as readonly string[]).includes(p.key);
  if (!known || !(touchChannels as readonly string[]).includes(p.channel)) throw new AppError('NOT_FOUND');
  return [p.key as CareTemplateKey, p.channel as TouchChannel];
};

export const careRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['care'];
  app.get('/care/rules', { schema: { tags, response: { 200: careRuleList } } }, async (req) =>
    app.ctx.staff(req, 'care.manage', async (ctx) => {
      authorize(ctx.actor, 'care.manage');
      return { items: await loadRules(ctx) };
    }),
  );
  app.put(
    '/care/rules/:key',
    { schema: { tags, params: careRuleParams, body: careRuleInput, response: { 200: careRule } } },
    async (req) => app.ctx.staff(req, 'care.manage', (ctx) => saveRule(ctx, ruleKey(req.params.key), req.body)),
  );
  app.get('/care/templates', { schema: { tags, response: { 200: careTemplateList } } }, async (req) =>
    app.ctx.staff(req, 'care.manage', (ctx) => listTemplates(ctx)),
  );
  app.put(
    '/care/templates/:key/:channel',
    { schema: { tags, params: careTemplateParams, body: careTemplateInput, response: { 200: careTemplate } } },
    async (req) => app.ctx.staff(req, 'care.manage', (ctx) => putTemplate(ctx, ...templateSlot(req.params), req.body)),
  );
  app.get(
    '/care/templates/:key/:channel/preview',
    {
      schema: {
        tags,
        params: careTemplateParams,
        querystring: careTemplatePreviewQuery,
        response: { 200: careTemplatePreview },
      },
    },
    async (req) =>
      app.ctx.staff(req, 'care.manage', async (ctx) => {
        const [key, channel] = templateSlot(req.params);
        if (!req.query.customerId) throw AppError.field('customerId', 'required');
        return previewTemplate(ctx, key, channel, req.query.customerId);
      }),
  );
  app.get(
    '/care/dry-run',
    { schema: { tags, querystring: careDryRunQuery, response: { 200: careDryRun } } },
    async (req) => app.ctx.staff(req, 'care.manage', (ctx) => dryRun(ctx, req.query.day)),
  );
  app.get(
    '/care/tasks',
    { schema: { tags, querystring: careTaskQuery, response: { 200: careTaskList } } },
    async (req) =>
      app.ctx.staff(req, 'care.tasks', async (ctx) => ({
        items: await listTasks(ctx, req.query.scope, req.query.status),
      })),
  );
  app.post(
    '/care/tasks/:id/done',
    { schema: { tags, params: idParams, body: careTaskDone, response: { 200: careTask } } },
    async (req) => app.ctx.staff(req, 'care.tasks', (ctx) => completeTask(ctx, req.params.id, req.body)),
  );
  app.post(
    '/care/tasks/:id/snooze',
    { schema: { tags, params: idParams, body: careTaskSnooze, response: { 200: careTask } } },
    async (req) => app.ctx.staff(req, 'care.tasks', (ctx) => snoozeTask(ctx, req.params.id, new Date(req.body.until))),
  );
  app.post(
    '/care/tasks/:id/reassign',
    { schema: { tags, params: idParams, body: careTaskReassign, response: { 200: careTask } } },
    async (req) => app.ctx.staff(req, 'care.tasks', (ctx) => reassignTask(ctx, req.params.id, req.body.assigneeId)),
  );
};
