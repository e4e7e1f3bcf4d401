/** The job that sends one webhook delivery (platform/webhooks/deliver.ts). */
export const deliverJobName = 'webhook.deliver';

/** After the first attempt: 1 min, 5 min, 30 min, 2 h, 12 h — then the delivery has failed. */
export const retryDelaysMs = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 12 * 3600_000] as const;
export const maxAttempts = retryDelaysMs.length + 1;

/** One attempt's limit; the claim's lease is a little longer, so a second runner never overlaps it. */
export const attemptTimeoutMs = 10_000;
export const leaseMs = attemptTimeoutMs + 20_000;

/** How long the previous secret still signs after a rotation. */
export const secretGraceMs = 24 * 3600_000;
