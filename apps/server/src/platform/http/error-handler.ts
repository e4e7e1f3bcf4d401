import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { errorCodes, type ErrorBody, type ErrorCode, type FieldIssue, type Locale } from '@m4s/contracts';
import { constraintColumns, fromDatabaseError, needsConstraintColumns } from '../db/errors.ts';
import { AppError } from '../errors.ts';
import { errorMessage, fieldMessage, localeOf } from '../i18n.ts';

/** Fastify's own 4xx (malformed JSON, wrong content type, oversize body) in our codes. */
const frameworkCode = (error: FastifyError): ErrorCode | null => {
  if (error.statusCode === 413) return 'PAYLOAD_TOO_LARGE';
  if (error.statusCode === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (error.statusCode === 429) return 'RATE_LIMITED';
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return 'BAD_REQUEST';
  return null;
};

type ValidationItem = { keyword: string; instancePath: string; message?: string; params: Record<string, unknown> };

/** A zod issue as a field path and a message in the user's language (our own keys first, then zod's code). */
const localizeIssue = (locale: Locale, v: ValidationItem): FieldIssue => {
  const segments = v.instancePath.split('/').filter(Boolean);
  const keys = Array.isArray(v.params.keys) ? (v.params.keys as string[]) : [];
  const path = [...segments, ...(v.keyword === 'unrecognized_keys' ? keys : [])].join('.');
  const own = fieldMessage(locale, v.message ?? '', '');
  const missing = v.keyword === 'invalid_type' && (v.message ?? '').endsWith('received undefined');
  return { path, message: own || fieldMessage(locale, missing ? 'required' : v.keyword, v.message ?? v.keyword) };
};

/** The one place errors become responses: localized message, stable code, never a stack trace. */
export const registerErrorHandler = (app: FastifyInstance) => {
  app.setErrorHandler(async (error: FastifyError | AppError, req, reply) => {
    const locale = localeOf(req.headers['accept-language']);
    const send = (code: ErrorCode, details?: ErrorBody['details'], message?: string) => {
      const body: ErrorBody = { code, message: message ?? errorMessage(locale, code), requestId: req.id };
      if (details && Object.keys(details).length > 0) body.details = details;
      if (details?.retryAfterSeconds) void reply.header('retry-after', String(details.retryAfterSeconds));
      return reply.status(errorCodes[code]).send(body);
    };

    // A foreign key or unique refusal names its field from the constraint's columns (read once per database).
    const columns =
      !(error instanceof AppError) && needsConstraintColumns(error)
        ? await constraintColumns(app.m4s.db).catch(() => null)
        : null;
    const known = error instanceof AppError ? error : fromDatabaseError(error, columns);
    if (known) {
      const issues = known.details.issues?.map((i) => ({
        path: i.path,
        message: fieldMessage(locale, i.message, i.message),
      }));
      // A conflict with one stated reason (visit_bad_transition…) says that reason, not "reload and retry".
      const reason = known.code === 'CONFLICT' && issues?.length === 1 ? issues[0]?.message : undefined;
      return send(known.code, issues ? { ...known.details, issues } : known.details, reason);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return send('VALIDATION_FAILED', { issues: error.validation.map((v) => localizeIssue(locale, v)) });
    }
    if (isResponseSerializationError(error)) {
      req.log.error({ err: error }, 'response did not match its schema');
      return send('INTERNAL');
    }
    const code = frameworkCode(error);
    if (code) return send(code);
    req.log.error({ err: error }, 'unhandled error');
    return send('INTERNAL');
  });

  app.setNotFoundHandler((req, reply) => {
    const locale = localeOf(req.headers['accept-language']);
    return reply.status(404).send({ code: 'NOT_FOUND', message: errorMessage(locale, 'NOT_FOUND'), requestId: req.id });
  });
};
