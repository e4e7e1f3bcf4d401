/** The scheduled send's job (campaigns.job.ts), named apart so the service can queue it without importing the job. */
export const campaignSendJobName = 'campaign.send';
