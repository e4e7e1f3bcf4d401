import {
  routeUrl,
  type ErrorBody,
  type ErrorCode,
  type RouteDef,
  type RouteInput,
  type RouteResult,
} from '@m4s/contracts';
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

/** A non-2xx answer as an ApiError: the server's `{code, message}` when it sent one, the HTTP status otherwise. */
export const errorOf = async (res: Response): Promise<ApiError> => {
  const text = await res.text().catch(() => '');
  let err: Partial<ErrorBody> | null = null;
  try {
    err = text ? (JSON.parse(text) as Partial<ErrorBody>) : null;
  } catch {
    // A proxy's HTML error page: only the status is worth showing.
  }
  return new ApiError(res.status, {
    code: err?.code ?? 'INTERNAL',
    message: err?.message ?? res.statusText,
    details: err?.details,
  });
};

const readJson = async <T>(res: Response): Promise<T> => {
  if (!res.ok) throw await errorOf(res);
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : null;
  const token = (data as { csrfToken?: unknown } | null)?.csrfToken;
  if (typeof token === 'string') rememberCsrf(token);
  return data as T;
};

/** Sends one request (not reading the answer) with the language, the CSRF token on writes, and the session cookie. */
export const apiFetch = async (
  method: Method,
  path: string,
  body?: unknown,
  extra?: Record<string, unknown>,
): Promise<Response> => {
  const headers: Record<string, string> = { 'accept-language': getLocale() };
  for (const [name, value] of Object.entries(extra ?? {})) if (typeof value === 'string') headers[name] = value;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  const payload = body === undefined ? undefined : form ? body : JSON.stringify(body);
  return fetch(path, { method, headers, credentials: 'same-origin', body: payload });
};

type CallArgs<D extends RouteDef> =
  Record<string, never> extends RouteInput<D> ? [input?: RouteInput<D>] : [input: RouteInput<D>];

export const api = {
  /**
   * Calls one endpoint by its description in contracts: the path, query and headers are filled from the
   * input, and the answer is typed by the description's response schema.
   */
  call: async <D extends RouteDef>(route: D, ...[input]: CallArgs<D>): Promise<RouteResult<D>> => {
    const { body, headers } = (input ?? {}) as { body?: unknown; headers?: Record<string, unknown> };
    // A write with nothing to say still sends `{}`: the server's body schemas are objects.
    const payload = body ?? (route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
    return readJson<RouteResult<D>>(await apiFetch(route.method, routeUrl(route, input ?? {}), payload, headers));
  },
  /** multipart/form-data (a file and its fields); the browser writes the boundary into the content type. */
  upload: async <D extends RouteDef & { bodyKind: 'multipart' }>(
    route: D,
    form: FormData,
    input: Omit<RouteInput<D>, 'body'> = {} as Omit<RouteInput<D>, 'body'>,
  ): Promise<RouteResult<D>> => readJson<RouteResult<D>>(await apiFetch(route.method, routeUrl(route, input), form)),
  /** The answer as a Response, for downloads (files) read by the caller. */
  fetch: async <D extends RouteDef>(route: D, ...[input]: CallArgs<D>): Promise<Response> => {
    const { body, headers } = (input ?? {}) as { body?: unknown; headers?: Record<string, unknown> };
    return apiFetch(route.method, routeUrl(route, input ?? {}), body, headers);
  },
  /** The URL of a GET endpoint, for links, images and event streams (same origin, the session cookie goes along). */
  href: <D extends RouteDef & { method: 'GET' }>(route: D, ...[input]: CallArgs<D>): string =>
    routeUrl(route, input ?? {}),
};
