import { defineNightly } from '../../platform/nightly/nightly.ts';
import { installShippedArticles } from './knowledge.service.ts';

/**
 * The shipped 用车知识 articles reach every tenant: provisioning installs them, and the night installs any a
 * tenant lacks (a tenant made before an article shipped). Run twice, it installs nothing.
 */
export const knowledgeNightly = defineNightly({
  name: 'content.knowledge',
  run: async (job) => ({ installed: await job.step((ctx) => installShippedArticles(ctx)) }),
});
