import { defineNightly } from '../../platform/nightly/nightly.ts';
import { closeEnded } from './events.service.ts';

/**
 * Events that ended are closed, and their attendees offered the activity questionnaire in the owner app
 * (docs/events.md). After the survey templates step: a tenant's templates are there first.
 */
export const eventsNightly = defineNightly({
  name: 'events.close',
  run: async (job) => job.step((ctx) => closeEnded(ctx)),
});
