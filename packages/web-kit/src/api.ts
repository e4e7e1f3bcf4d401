import type { ErrorBody, ErrorCode } from '@m4s/contracts';
import { getLocale } from './i18n.ts';

/** An API answer that was not 2xx. The apps switch on `code`; `message` is already in the user's language. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorBody['details'];
  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details;
  }
  /** Field-level messages keyed by dotted path, for forms. */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.details?.issues ?? []).map((i) => [i.path, i.message]));
  }
}

let csrfToken: string | null = null;

/** Sign-in and "who am I" answers carry the CSRF token that cookie-authenticated writes must echo. */
export const rememberCsrf = (token: string | null) => {
  csrfToken = token;
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const request = async <T>(method: Method, path: string, body?: unknown): Promise<T> => {
  const headers: Record<string, string> = { 'accept-language': getLocale() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = data as Partial<ErrorBody> | null;
    throw new ApiError(res.status, {
      code: err?.code ?? 'INTERNAL',
      message: err?.message ?? res.statusText,
      details: err?.details,
    });
  }
  const token = (data as { csrfToken?: unknown } | null)?.csrfToken;
  if (typeof token === 'string') rememberCsrf(token);
  return data as T;
};

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};
