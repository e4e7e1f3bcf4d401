import type { FastifyPluginAsync } from 'fastify';
import { authRoutes as r } from '@m4s/contracts';
import { clearSessionCookie, setSessionCookie } from '../../platform/http/request-context.ts';
import { serve } from '../../platform/http/serve.ts';
import * as owner from './owner-auth.service.ts';
import * as staff from './staff-auth.service.ts';

/** Per-IP limits on the doors that take guesses; per-account limits live in the services. */
const guarded = (max: number) => ({ rateLimitPerMinute: max });

export const authRoutes: FastifyPluginAsync = async (app) => {
  const secure = app.m4s.config.NODE_ENV === 'production';

  // Sign-in names its tenant in the body: the tenant's transaction is opened here, and a refusal (a counted
  // failure) is thrown only after it is committed.
  serve(
    app,
    r.staffSignIn,
    async (req, reply) => {
      const result = await app.ctx.anonymous(req, req.body.tenant, (ctx) => staff.signInStaff(ctx, req.body));
      if (!result.ok) throw result.error;
      setSessionCookie(reply, 'staff', result.cookie, secure);
      return result.me;
    },
    guarded(20),
  );
  serve(app, r.staffMe, (ctx) => staff.staffMe(ctx, ctx.actor.id, ctx.actor.csrfToken));
  serve(app, r.staffSignOut, async (ctx, _req, reply) => {
    await staff.signOutStaff(ctx);
    clearSessionCookie(reply, 'staff');
    return { ok: true as const };
  });
  serve(
    app,
    r.staffPassword,
    async (ctx, req) => {
      await staff.changePassword(ctx, req.body);
      return { ok: true as const };
    },
    guarded(10),
  );

  serve(
    app,
    r.ownerOtp,
    (req) => app.ctx.anonymous(req, req.body.tenant, (ctx) => owner.requestOtp(ctx, req.body)),
    guarded(10),
  );
  serve(
    app,
    r.ownerSignIn,
    async (req, reply) => {
      const result = await app.ctx.anonymous(req, req.body.tenant, (ctx) => owner.verifyOtp(ctx, req.body));
      if (!result.ok) throw result.error;
      setSessionCookie(reply, 'owner', result.cookie, secure);
      return result.me;
    },
    guarded(20),
  );
  serve(app, r.ownerMe, (ctx) => owner.ownerMe(ctx, ctx.actor.id, ctx.actor.csrfToken));
  serve(app, r.ownerSignOut, async (ctx, _req, reply) => {
    await owner.signOutOwner(ctx);
    clearSessionCookie(reply, 'owner');
    return { ok: true as const };
  });
};
