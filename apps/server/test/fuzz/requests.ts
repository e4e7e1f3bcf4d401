import fc from 'fast-check';
import type { z } from 'zod';
import { apiPrefix, queryString, routes, type RouteDef } from '@m4s/contracts';
import { arbitraryOf, type Mode, type Pools } from './arbitraries.ts';

/** Every route description in contracts, with its key (`GET /api/customers/:id`). */
export const allRoutes = (): { key: string; def: RouteDef }[] =>
  Object.values(routes)
    .flatMap((group) => Object.values(group as Record<string, RouteDef>))
    .map((def) => ({ key: `${def.method} ${apiPrefix}${def.path}`, def }));

export const pathParams = (path: string) => [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '');

/** One request as the fuzzer sends it, printable (and replayable by its seed). */
export type FuzzRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** A JSON value, or `raw` text sent as application/json as it is (malformed JSON). */
  body?: unknown;
  raw?: string;
};

type Shape = Record<string, z.ZodType>;
const shapeOf = (s: z.ZodType | undefined): Shape =>
  (s as unknown as { _zod: { def: { shape?: Shape } } } | undefined)?._zod.def.shape ?? {};

const text = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : v === undefined
      ? ''
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : (JSON.stringify(v) ?? '');

/** encodeURIComponent, except that a lone surrogate is sent as the invalid UTF-8 bytes it would be. */
const encode = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return `${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
};

/** Header values as HTTP allows them (visible ASCII): the hostile part of a header is its content, not its bytes. */
const headerSafe = (v: unknown) =>
  text(v)
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 4000);

/**
 * The arbitrary of one route's requests: path parameters from the id pool (or hostile in `mixed` mode),
 * query, headers and body from their schemas, the body now and then malformed JSON or of the wrong type.
 */
export const requestArbitrary = (def: RouteDef, pools: Pools, mode: Mode): fc.Arbitrary<FuzzRequest> => {
  const names = pathParams(def.path);
  const paramShape = shapeOf(def.params);
  // `:id` is named by the segment before it: /customers/:id is a customerId.
  const hint = (name: string) => {
    const before = def.path.split('/').at(def.path.split('/').indexOf(`:${name}`) - 1) ?? '';
    return name === 'id' ? `${before.replace(/s$/, '')}Id` : name;
  };
  const param = (name: string) =>
    paramShape[name]
      ? arbitraryOf(paramShape[name], pools, mode, hint(name))
      : arbitraryOf({ _zod: { def: { type: 'string', format: 'uuid' } } }, pools, mode, hint(name));
  const params = fc.tuple(...names.map(param));
  const query = def.query
    ? arbitraryOf(def.query, pools, mode === 'valid' ? 'valid' : 'mixed')
    : fc.constant(undefined);
  const headers = def.headers ? arbitraryOf(def.headers, pools, 'valid') : fc.constant(undefined);
  const body = def.body ? arbitraryOf(def.body, pools, mode) : fc.constant(undefined);
  const malformed =
    mode === 'mixed'
      ? fc.oneof(
          { weight: 14, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.constantFrom('{"a":', '[', 'null', '"x"', '{"__proto__":{"x":1}}') },
        )
      : fc.constant(undefined);
  return fc.tuple(params, query, headers, body, malformed).map(([ps, q, h, b, raw]) => {
    let path = def.path;
    names.forEach((name, i) => {
      const value = text(ps[i]) || 'x';
      path = path.replace(`:${name}`, encode(value));
    });
    const queryObject =
      q !== null && typeof q === 'object' && !Array.isArray(q) ? (q as Record<string, unknown>) : { q: q };
    const headerObject: Record<string, string> = {};
    if (h !== null && typeof h === 'object')
      for (const [k, v] of Object.entries(h as Record<string, unknown>))
        if (v !== undefined) headerObject[k] = headerSafe(v);
    const request: FuzzRequest = {
      method: def.method,
      url: apiPrefix + path + (def.query || mode === 'mixed' ? queryString(queryObject) : ''),
      headers: headerObject,
    };
    if (def.method !== 'GET') {
      if (raw !== undefined) request.raw = raw;
      else request.body = b === undefined ? {} : b;
    }
    return request;
  });
};

/** A request shortened for printing: long strings cut, the rest as JSON. */
export const printable = (r: FuzzRequest) =>
  JSON.stringify(r, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 200 ? `${v.slice(0, 60)}…(${v.length} chars)` : v,
  );
