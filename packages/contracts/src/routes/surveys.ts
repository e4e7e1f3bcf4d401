import { idParams } from '../common.ts';
import {
  draftUpdate,
  ownerSurvey,
  ownerSurveyAnswerBody,
  ownerSurveyList,
  questionnaireCreate,
  questionnaireDetail,
  questionnaireList,
  responseInput,
  surveyResponse,
  surveyResponseList,
} from '../surveys.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['surveys'];
const ownerTags = ['owner', 'surveys'];

/** Questionnaires (the builder), their answers, and the owner's post-delivery survey (docs/surveys.md). */
export const surveyRoutes = defineRoutes({
  /** Every questionnaire of the tenant: the shipped templates and its own. Agents read them to ask them. */
  list: {
    method: 'GET',
    path: '/questionnaires',
    auth: 'staff',
    permission: 'care.tasks',
    response: questionnaireList,
    tags,
  },
  get: {
    method: 'GET',
    path: '/questionnaires/:id',
    auth: 'staff',
    permission: 'care.tasks',
    params: idParams,
    response: questionnaireDetail,
    tags,
  },
  /** A questionnaire of the tenant's own, with its first draft. */
  create: {
    method: 'POST',
    path: '/questionnaires',
    auth: 'staff',
    permission: 'survey.manage',
    body: questionnaireCreate,
    response: questionnaireDetail,
    status: 201,
    tags,
  },
  /** Opens a draft copied from the published version (or answers the draft already open). */
  openDraft: {
    method: 'POST',
    path: '/questionnaires/:id/draft',
    auth: 'staff',
    permission: 'survey.manage',
    params: idParams,
    response: questionnaireDetail,
    tags,
  },
  /** Saves the draft; a routing fault (a jump to nothing, a loop, a required question no path reaches) is a 400. */
  saveDraft: {
    method: 'PUT',
    path: '/questionnaires/:id/draft',
    auth: 'staff',
    permission: 'survey.manage',
    params: idParams,
    body: draftUpdate,
    response: questionnaireDetail,
    tags,
  },
  /** The draft becomes the published version; the version before is superseded (its answers keep it). */
  publish: {
    method: 'POST',
    path: '/questionnaires/:id/publish',
    auth: 'staff',
    permission: 'survey.manage',
    params: idParams,
    response: questionnaireDetail,
    tags,
  },
  /** Answers recorded by staff (a follow-up call), on a published version. */
  record: {
    method: 'POST',
    path: '/survey-responses',
    auth: 'staff',
    permission: 'care.tasks',
    body: responseInput,
    response: surveyResponse,
    status: 201,
    tags,
  },
  /** A customer's answers, newest first. */
  ofCustomer: {
    method: 'GET',
    path: '/customers/:id/survey-responses',
    auth: 'staff',
    permission: 'customer.read',
    params: idParams,
    response: surveyResponseList,
    tags,
  },
  ownerList: {
    method: 'GET',
    path: '/owner/surveys',
    auth: 'owner',
    response: ownerSurveyList,
    tags: ownerTags,
  },
  ownerGet: {
    method: 'GET',
    path: '/owner/surveys/:id',
    auth: 'owner',
    params: idParams,
    response: ownerSurvey,
    tags: ownerTags,
  },
  /** The owner's answers to their invitation: once, and only theirs. */
  ownerAnswer: {
    method: 'POST',
    path: '/owner/surveys/:id/answers',
    auth: 'owner',
    params: idParams,
    body: ownerSurveyAnswerBody,
    response: ownerSurvey,
    tags: ownerTags,
  },
});
