import type { z } from 'zod';
import type { Permission } from '../roles.ts';

/**
 * Every endpoint is described once, here in contracts: the server registers its routes from these
 * descriptions (apps/server/src/platform/http/serve.ts), the OpenAPI document is generated from them, and the
 * apps call them through web-kit's `api.call(route, input)` — no URL or response type is written twice.
 */

/** Where every description's path lives on the server. */
export const apiPrefix = '/api';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call it, which decides the transaction the server opens before the handler runs:
 * - staff / owner: a signed-in session of that kind (and, for staff, `permission` when given);
 * - operator: the platform operator's session (never a tenant's);
 * - tenant: before sign-in, the tenant named by its public slug;
 * - public: nothing (health, sign-in itself);
 * - custom: the handler opens what it needs itself (streams, uploads, routes that serve two kinds of caller).
 */
export type RouteAuth = 'staff' | 'owner' | 'operator' | 'tenant' | 'public' | 'custom';

/**
 * What a success answers: a zod schema for JSON, `null` for no body (204), or one of the non-JSON kinds —
 * `file` (a download the browser saves or opens: XLSX, ICS, images) or `stream` (Server-Sent Events).
 */
export type RouteResponse = z.ZodType | null | 'file' | 'stream';

export type RouteDef = {
  readonly method: HttpMethod;
  /** Below `apiPrefix`, with `:name` parameters, e.g. `/owner/bookings/:id`. */
  readonly path: string;
  readonly auth: RouteAuth;
  readonly permission?: Permission;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly headers?: z.ZodType;
  readonly body?: z.ZodType;
  /** `multipart`: the body is form data (files), read by the handler itself. */
  readonly bodyKind?: 'json' | 'multipart';
  readonly response: RouteResponse;
  /** The success status, or the ones the handler chooses among (e.g. 201 created, 200 an idempotent repeat). */
  readonly status?: number | readonly number[];
  readonly tags: readonly string[];
  readonly summary?: string;
  /** Left out of the OpenAPI document (development-only routes). */
  readonly hide?: boolean;
};

/** Keeps the literal types of a description, so that callers and handlers infer their input and output. */
export const defineRoute = <const D extends RouteDef>(def: D): D => def;

/** A group of descriptions, one per module (e.g. `bookingRoutes`). */
export const defineRoutes = <const G extends Record<string, RouteDef>>(group: G): G => group;

type Infer<S, Fallback> = S extends z.ZodType ? z.output<S> : Fallback;

export type RouteParams<D extends RouteDef> = Infer<D['params'], Record<string, never>>;
export type RouteQuery<D extends RouteDef> = Infer<D['query'], Record<string, never>>;
export type RouteHeaders<D extends RouteDef> = Infer<D['headers'], Record<string, never>>;
export type RouteBody<D extends RouteDef> = Infer<D['body'], undefined>;

/** What the handler returns (the schema's input) and what the caller receives (its output). */
export type RouteReply<D extends RouteDef> = D['response'] extends z.ZodType ? z.input<D['response']> : unknown;
export type RouteResult<D extends RouteDef> = D['response'] extends z.ZodType
  ? z.output<D['response']>
  : D['response'] extends null
    ? null
    : never;

type Field<K extends string, S> = S extends z.ZodType
  ? Record<string, never> extends z.input<S>
    ? { [P in K]?: z.input<S> }
    : { [P in K]: z.input<S> }
  : { [P in K]?: never };

/** What a caller passes: each part the description names, required when the schema requires it. */
export type RouteInput<D extends RouteDef> = Field<'params', D['params']> &
  Field<'query', D['query']> &
  Field<'headers', D['headers']> &
  Field<'body', D['body']>;

const scalar = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);

/** The path with its parameters filled in (URI-encoded), e.g. `/owner/bookings/1a2b…`. */
export const fillPath = (path: string, params: Record<string, unknown> | undefined): string =>
  path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(scalar(value));
  });

/** A query string from an object: absent values left out, arrays repeated, the rest as their string form. */
export const queryString = (query: Record<string, unknown> | undefined): string => {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? (value as unknown[]) : [value]) search.append(key, scalar(v));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** The full URL of a call (prefix, filled path, query). */
export const routeUrl = (def: RouteDef, input: { params?: unknown; query?: unknown } = {}): string =>
  apiPrefix +
  fillPath(def.path, input.params as Record<string, unknown> | undefined) +
  queryString(input.query as Record<string, unknown> | undefined);
