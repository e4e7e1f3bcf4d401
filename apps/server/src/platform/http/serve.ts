import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import type { RouteBody, RouteDef, RouteHeaders, RouteParams, RouteQuery, RouteReply } from '@m4s/contracts';
import type { OperatorCtx, OwnerCtx, StaffCtx } from '../context.ts';

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
