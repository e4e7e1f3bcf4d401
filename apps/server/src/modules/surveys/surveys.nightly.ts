import { defineNightly } from '../../platform/nightly/nightly.ts';
import { installTemplates } from './surveys.service.ts';

/**
 * The shipped questionnaires reach every tenant: provisioning installs them, and the night installs any a
 * tenant lacks (a tenant made before a template shipped). Run twice, it installs nothing.
 */
export const surveyTemplatesNightly = defineNightly({
  name: 'surveys.templates',
  run: async (job) => ({ installed: await job.step((ctx) => installTemplates(ctx)) }),
});
