import type { FastifyPluginAsync } from 'fastify';
import { surveyRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as owner from './owner-survey.service.ts';
import * as responses from './responses.service.ts';
import * as service from './surveys.service.ts';

/** The questionnaire builder, recorded answers, and the owner's post-delivery survey (docs/surveys.md). */
export const surveyRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.list, (ctx) => service.listQuestionnaires(ctx));
  serve(app, r.get, (ctx, req) => service.getQuestionnaire(ctx, req.params.id));
  serve(app, r.create, (ctx, req) => service.createQuestionnaire(ctx, req.body));
  serve(app, r.openDraft, (ctx, req) => service.openDraft(ctx, req.params.id));
  serve(app, r.saveDraft, (ctx, req) => service.saveDraft(ctx, req.params.id, req.body));
  serve(app, r.publish, (ctx, req) => service.publish(ctx, req.params.id));
  serve(app, r.record, (ctx, req) => responses.recordResponse(ctx, req.body));
  serve(app, r.ofCustomer, (ctx, req) => responses.customerResponses(ctx, req.params.id));
  serve(app, r.ownerList, (ctx) => owner.ownerSurveys(ctx));
  serve(app, r.ownerGet, (ctx, req) => owner.ownerSurvey(ctx, req.params.id));
  serve(app, r.ownerAnswer, (ctx, req) => owner.answerOwnerSurvey(ctx, req.params.id, req.body.answers));
};
