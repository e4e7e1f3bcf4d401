import { definePersonalData } from '../../platform/personal-data.ts';
import { responsesForExport } from './responses.service.ts';
import { blankResponsesOf } from './surveys.queries.ts';

/**
 * Survey answers are the customer's words where they wrote them (free text, "other", reasons): the export
 * holds every answer; erasure keeps the scores and choices (the dealer's indices) and blanks the text, and
 * lets go of the person's app accounts before auth deletes them.
 */
export const surveysPersonalData = definePersonalData({
  module: 'surveys',
  tables: [{ table: 'survey_responses', column: 'customer_id', merge: 'move', erase: 'blank' }],
  export: async (ctx, id) => ({ surveyResponses: await responsesForExport(ctx, id) }),
  erase: (ctx, id, person) => blankResponsesOf(ctx.db, ctx.tenantId, id, person.ownerIds),
});
