import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Permission } from '@m4s/contracts';
import type { StaffCtx } from '../context.ts';

/**
 * Runs `fn` in a short transaction of one request. Uploads and streamed downloads (auth `custom`) hold no
 * transaction while bytes move: they authorise in one, then read or write each piece in its own.
 */
export type InStaffTx = <T>(fn: (ctx: StaffCtx) => Promise<T>) => Promise<T>;

/** The request's short staff transactions, each opened with `permission` checked. */
export const staffTx =
  (app: FastifyInstance, req: FastifyRequest, permission: Permission | null): InStaffTx =>
  (fn) =>
    app.ctx.staff(req, permission, fn);
