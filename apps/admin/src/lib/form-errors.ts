import type { FormInstance } from 'antd';
import { ApiError } from '@m4s/web-kit';
import type { z } from 'zod';
import { isMessageKey, type MessageKey } from '../i18n.ts';

type Translate = (key: MessageKey) => string;

/** `openingHours.mon.0.close` → ['openingHours', 'mon', 0, 'close'], the name path antd forms use. */
export const toNamePath = (path: string): (string | number)[] =>
  path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/** Which field a conflict code belongs to, so "code taken" lands under the code input, not only on top. */
const conflictFields: Partial<Record<string, string>> = {
  STORE_CODE_TAKEN: 'code',
  LOGIN_TAKEN: 'login',
  PHONE_TAKEN: 'phone',
};

/**
 * Puts a failed save onto the form: field issues under their inputs (when the form has that field),
 * and returns the message for the alert above the form. Non-API failures become a network message.
 */
export const applyServerError = (
  form: FormInstance,
  error: unknown,
  knownFields: readonly string[],
  networkMessage: string,
): string => {
  if (!(error instanceof ApiError)) return networkMessage;
  const issues = error.details?.issues ?? [];
  const onForm = issues.filter((i) => knownFields.includes(i.path.split('.')[0] ?? ''));
  const conflictField = conflictFields[error.code];
  const fields = onForm.map((i) => ({ name: toNamePath(i.path), errors: [i.message] }));
  if (conflictField && knownFields.includes(conflictField) && onForm.length === 0) {
    fields.push({ name: [conflictField], errors: [error.message] });
  }
  form.setFields(fields);
  const stray = issues.filter((i) => !onForm.includes(i)).map((i) => `${i.path}: ${i.message}`);
  return [error.message, ...stray].join('；');
};

/**
 * Checks a body with the same zod schema the server uses before sending it; puts the issues on the
 * form in the user's language. Returns the parsed value, or null when the form shows errors.
 */
export const validateWith = <S extends z.ZodType>(
  form: FormInstance,
  schema: S,
  body: unknown,
  t: Translate,
): z.infer<S> | null => {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  form.setFields(
    result.error.issues.map((issue) => ({
      name: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
      errors: [fieldMessage(issue.message, issue.code, t)],
    })),
  );
  return null;
};

// Our schemas name their messages (`store_code`, `phone`); zod's own issues are known by their code.
const fieldMessage = (message: string, code: string, t: Translate): string => {
  const key = [`field.${message}`, `field.${code}`].find(isMessageKey);
  return t(key ?? 'field.invalid');
};

/** Optional text inputs: an empty box means "none", which the API spells null. */
export const blankToNull = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

/**
 * Messages set by hand (from the server or the shared schema) stay until cleared; antd only clears
 * its own rule messages. Clears every field under the changed top-level names.
 */
export const clearChangedErrors = (form: FormInstance, changed: object) => {
  const roots = new Set(Object.keys(changed));
  const stale = form.getFieldsError().filter((f) => f.errors.length && roots.has(String(f.name[0])));
  if (stale.length) form.setFields(stale.map((f) => ({ name: f.name, errors: [] })));
};
