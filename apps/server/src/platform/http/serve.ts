import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import type { RouteBody, RouteDef, RouteHeaders, RouteParams, RouteQuery, RouteReply } from '@m4s/contracts';
import type { OperatorCtx, OwnerCtx, StaffCtx } from '../context.ts';
import { AppError } from '../errors.ts';

/** The request as a route's handler sees it: params, query, headers and body typed from its description. */
export type RouteRequest<D extends RouteDef> = Omit<FastifyRequest, 'params' | 'query' | 'body' | 'headers'> & {
  params: RouteParams<D>;
  query: RouteQuery<D>;
  body: RouteBody<D>;
  headers: FastifyRequest['headers'] & RouteHeaders<D>;
  /** The request as Fastify has it, for the request contexts and plugins (multipart, cookies). */
  raw: FastifyRequest['raw'];
};

/** The context the server opens before the handler runs, by the description's `auth`. */
type CtxOf = { staff: StaffCtx; owner: OwnerCtx; operator: OperatorCtx };

type Answer<D extends RouteDef> = D['response'] extends z.ZodType
  ? RouteReply<D> | FastifyReply
  : D['response'] extends null
    ? null | undefined | FastifyReply
    : unknown;

/** A signed-in route runs inside its transaction; the others get the request alone. */
export type RouteHandler<D extends RouteDef> = D['auth'] extends keyof CtxOf
  ? (ctx: CtxOf[D['auth']], req: RouteRequest<D>, reply: FastifyReply) => Promise<Answer<D>>
  : (req: RouteRequest<D>, reply: FastifyReply) => Promise<Answer<D>>;

const statusesOf = (def: RouteDef): number[] => {
  if (def.status === undefined) return [def.response === null ? 204 : 200];
  return typeof def.status === 'number' ? [def.status] : [...def.status];
};

/** The Fastify schema of a description: validation of every part, and the OpenAPI document's entry. */
export const fastifySchema = (def: RouteDef) => {
  const response =
    def.response !== null && typeof def.response === 'object'
      ? Object.fromEntries(statusesOf(def).map((s) => [s, def.response]))
      : undefined;
  return {
    tags: [...def.tags],
    ...(def.summary ? { summary: def.summary } : {}),
    ...(def.hide ? { hide: true } : {}),
    ...(def.params ? { params: def.params } : {}),
    ...(def.query ? { querystring: def.query } : {}),
    ...(def.headers ? { headers: def.headers } : {}),
    ...(def.body && def.bodyKind !== 'multipart' ? { body: def.body } : {}),
    ...(def.bodyKind === 'multipart' ? { consumes: ['multipart/form-data'] } : {}),
    ...(def.response === 'file' ? { produces: ['application/octet-stream'] } : {}),
    ...(response ? { response } : {}),
  };
};

/**
 * The path (a.b.0) of the first string holding a NUL character (U+0000) in a parsed request part, or null:
 * PostgreSQL cannot store one in text, so it would fail the statement (a 500) instead of being refused.
 * Walked with a stack of its own: a deeply nested JSON body cannot overflow the call stack.
 */
export const nulPath = (value: unknown): string | null => {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next) break;
    const v = next.value;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return next.path.join('.');
    } else if (v !== null && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (key.includes('\u0000')) return [...next.path, key].join('.');
        stack.push({ value: child, path: [...next.path, key] });
      }
    }
  }
  return null;
};

/** Before validation, every route: a NUL anywhere in params, query, headers or body is a 400 naming where. */
const refuseNul = async (req: FastifyRequest): Promise<void> => {
  for (const part of [req.params, req.query, req.headers, req.body]) {
    const path = nulPath(part);
    if (path !== null) throw AppError.field(path, 'nul_byte');
  }
};

/**
 * Registers one route from its description in contracts: method, path and schemas from there; for staff,
 * owner and operator routes the request's transaction is opened here (with the staff permission the description
 * names), so a handler is the one service call and nothing else. `bodyLimit` raises the app-wide body limit
 * for one route (e.g. a photo sent as a data URL).
 */
export const serve = <const D extends RouteDef>(
  app: FastifyInstance,
  def: D,
  handler: RouteHandler<D>,
  /** `bodyLimit` in bytes, for the few routes whose body carries more than the server's default (a logo, a photo). */
  options: { rateLimitPerMinute?: number; bodyLimit?: number } = {},
): void => {
  const [firstStatus] = statusesOf(def);
  const config: RouteShorthandOptions['config'] = options.rateLimitPerMinute
    ? { rateLimit: { max: options.rateLimitPerMinute, timeWindow: '1 minute' } }
    : {};
  app.route({
    method: def.method,
    url: def.path,
    config,
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    schema: fastifySchema(def),
    preValidation: refuseNul,
    handler: async (req, reply) => {
      if (firstStatus !== 200 && firstStatus !== undefined) void reply.status(firstStatus);
      const typed = req as unknown as RouteRequest<D>;
      const call = handler as (...args: unknown[]) => Promise<unknown>;
      let answer: unknown;
      if (def.auth === 'staff') {
        answer = await app.ctx.staff(req, def.permission ?? null, (ctx) => call(ctx, typed, reply));
      } else if (def.auth === 'owner') {
        answer = await app.ctx.owner(req, (ctx) => call(ctx, typed, reply));
      } else if (def.auth === 'operator') {
        answer = await app.ctx.operator(req, (ctx) => call(ctx, typed, reply));
      } else {
        answer = await call(typed, reply);
      }
      if (answer === reply) return reply;
      if (def.response === null) return reply.status(204).send();
      return answer;
    },
  });
};
