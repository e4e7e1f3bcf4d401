import type { ErrorCode, FieldIssue } from '@m4s/contracts';

/** The one error type. Services throw it; the error handler turns it into a localized 4xx/5xx. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: { issues?: FieldIssue[]; retryAfterSeconds?: number } & Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, details: AppError['details'] = {}) {
    super(message ?? code);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  /** A 400 about one field, phrased by the field-message table of the client's language. */
  static field(path: string, key: string): AppError {
    return new AppError('VALIDATION_FAILED', undefined, { issues: [{ path, message: key }] });
  }
}
