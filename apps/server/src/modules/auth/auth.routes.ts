import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  okResponse,
  otpRequestBody,
  otpRequestResponse,
  otpVerifyBody,
  ownerMe,
  passwordChangeBody,
  staffMe,
  staffSignInBody,
} from '@m4s/contracts';
import { clearSessionCookie, setSessionCookie } from '../../platform/http/request-context.ts';
import * as owner from './owner-auth.service.ts';
import * as staff from './staff-auth.service.ts';

/** Per-IP limits on the doors that take guesses; per-account limits live in the services. */
const guarded = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['auth'];
  const secure = app.m4s.config.NODE_ENV === 'production';

  app.post(
    '/auth/staff/sign-in',
    { config: guarded(20), schema: { tags, body: staffSignInBody, response: { 200: staffMe } } },
    async (req, reply) => {
      const result = await app.ctx.anonymous(req, req.body.tenant, (ctx) => staff.signInStaff(ctx, req.body));
      if (!result.ok) throw result.error;
      setSessionCookie(reply, 'staff', result.cookie, secure);
      return result.me;
    },
  );
  app.get('/auth/staff/me', { schema: { tags, response: { 200: staffMe } } }, async (req) =>
    app.ctx.staff(req, null, (ctx) => staff.staffMe(ctx, ctx.actor.id, ctx.actor.csrfToken)),
  );
  app.post('/auth/staff/sign-out', { schema: { tags, response: { 200: okResponse } } }, async (req, reply) => {
    await app.ctx.staff(req, null, (ctx) => staff.signOutStaff(ctx));
    clearSessionCookie(reply, 'staff');
    return { ok: true as const };
  });
  app.post(
    '/auth/staff/password',
    { config: guarded(10), schema: { tags, body: passwordChangeBody, response: { 200: okResponse } } },
    async (req) => {
      await app.ctx.staff(req, null, (ctx) => staff.changePassword(ctx, req.body));
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/owner/otp',
    { config: guarded(10), schema: { tags, body: otpRequestBody, response: { 200: otpRequestResponse } } },
    async (req) => app.ctx.anonymous(req, req.body.tenant, (ctx) => owner.requestOtp(ctx, req.body)),
  );
  app.post(
    '/auth/owner/sign-in',
    { config: guarded(20), schema: { tags, body: otpVerifyBody, response: { 200: ownerMe } } },
    async (req, reply) => {
      const result = await app.ctx.anonymous(req, req.body.tenant, (ctx) => owner.verifyOtp(ctx, req.body));
      if (!result.ok) throw result.error;
      setSessionCookie(reply, 'owner', result.cookie, secure);
      return result.me;
    },
  );
  app.get('/auth/owner/me', { schema: { tags, response: { 200: ownerMe } } }, async (req) =>
    app.ctx.owner(req, (ctx) => owner.ownerMe(ctx, ctx.actor.id, ctx.actor.csrfToken)),
  );
  app.post('/auth/owner/sign-out', { schema: { tags, response: { 200: okResponse } } }, async (req, reply) => {
    await app.ctx.owner(req, (ctx) => owner.signOutOwner(ctx));
    clearSessionCookie(reply, 'owner');
    return { ok: true as const };
  });
};
