/**
 * Why a send failed, as the outbox needs to know it: a permanent error (an invalid number or address, a
 * rejected template, a 5xx from the mail server) is final and is not retried; anything else is retried
 * with backoff until the last attempt.
 */
export class SendError extends Error {
  readonly permanent: boolean;
  constructor(message: string, options: { permanent: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SendError';
    this.permanent = options.permanent;
  }
}

export const isPermanent = (error: unknown): boolean => error instanceof SendError && error.permanent;

/** What the outbox keeps in last_error: short, one line. */
export const errorText = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 500);
