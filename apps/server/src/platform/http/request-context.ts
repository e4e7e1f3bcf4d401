import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '@m4s/contracts';
import type { Clock } from '../clock.ts';
import type { Ctx, OperatorCtx, OwnerCtx, StaffCtx } from '../context.ts';
import type { Database, TxHandle } from '../db/types.ts';
import { openingStatements } from '../db/tenant-context.ts';
import { AppError } from '../errors.ts';
import { localeOf } from '../i18n.ts';
import type { JobRunner } from '../jobs/runner.ts';
import { authorize } from '../auth/permissions.ts';
import {
  cookieNames,
  ownerSessionOf,
  ownerSessionStatement,
  parseSessionCookie,
  staffSessionOf,
  staffSessionStatement,
  type SessionKind,
} from '../auth/sessions.ts';
import { operatorTransaction } from '../operator-tx.ts';
import { findOperatorSession, operatorCookie, parseOperatorCookie } from '../auth/operator-sessions.ts';

export type RequestDeps = { db: Database; runner: JobRunner; clock: Clock };

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The parts of a request's ctx every kind shares (its `log` is a getter: assign onto it, never spread it). */
const baseCtx = (deps: RequestDeps, req: FastifyRequest, tx: TxHandle, tenantId: string, actor = 'anonymous') => {
  // Made on first use: most requests log nothing, and a pino child per request is measurable (bench/RESULTS.md).
  let log: FastifyBaseLogger | undefined;
  return {
    tenantId,
    db: tx.db,
    sql: tx.sql,
    jobs: deps.runner.queueFor(tx.sql),
    clock: deps.clock,
    get log(): FastifyBaseLogger {
      return (log ??= req.log.child({ tenantId, actor }));
    },
    request: {
      id: req.id,
      ip: req.ip,
      locale: localeOf(req.headers['accept-language']),
      userAgent: req.headers['user-agent'] ?? null,
    },
  };
};

/** Cookie-authenticated writes must echo the session's CSRF token. */
const checkCsrf = (req: FastifyRequest, csrfToken: string) => {
  if (!safeMethods.has(req.method) && req.headers['x-csrf-token'] !== csrfToken) throw new AppError('CSRF_FAILED');
};

const cookieOf = (req: FastifyRequest, kind: SessionKind) => {
  const parsed = parseSessionCookie(req.cookies[cookieNames[kind]]);
  if (!parsed) throw new AppError('UNAUTHENTICATED');
  return parsed;
};

/**
 * Every tenant-scoped request goes through one of these: one transaction, opened as the application
 * role for the tenant named by the authenticated session (never by a header or a body field). A signed-in
 * request's session look-up travels with the transaction's opening statements (TxScope.first): one round
 * trip opens the tenant's transaction and finds who is asking.
 */
export const requestContexts = (deps: RequestDeps) => ({
  staff: <T>(req: FastifyRequest, permission: Permission | null, fn: (ctx: StaffCtx) => Promise<T>): Promise<T> => {
    const { tenantId, secret } = cookieOf(req, 'staff');
    const now = deps.clock.now();
    return deps.db.transaction({ tenantId, first: staffSessionStatement(tenantId, secret, now) }, async (tx) => {
      const session = await staffSessionOf(tx, tenantId, secret, now);
      if (!session) throw new AppError('SESSION_EXPIRED');
      checkCsrf(req, session.csrfToken);
      const actor = {
        kind: 'staff' as const,
        id: session.staffId,
        role: session.role,
        storeId: session.storeId,
        customerScope: session.customerScope,
        sessionId: session.id,
        csrfToken: session.csrfToken,
        profile: session.profile,
      };
      if (permission) authorize(actor, permission);
      // A password an admin reset is temporary: the member's own routes (me, sign-out, password) answer,
      // nothing that needs a permission does until they choose their own (docs/staff-sign-in.md).
      if (permission && session.profile.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
      return fn(
        Object.assign(baseCtx(deps, req, tx, tenantId, `staff:${actor.id}`), { storeId: actor.storeId, actor }),
      );
    });
  },

  owner: <T>(req: FastifyRequest, fn: (ctx: OwnerCtx) => Promise<T>): Promise<T> => {
    const { tenantId, secret } = cookieOf(req, 'owner');
    const now = deps.clock.now();
    return deps.db.transaction({ tenantId, first: ownerSessionStatement(tenantId, secret, now) }, async (tx) => {
      const session = await ownerSessionOf(tx, tenantId, secret, now);
      if (!session) throw new AppError('SESSION_EXPIRED');
      checkCsrf(req, session.csrfToken);
      const actor = {
        kind: 'owner' as const,
        id: session.subjectId,
        sessionId: session.id,
        csrfToken: session.csrfToken,
      };
      return fn(Object.assign(baseCtx(deps, req, tx, tenantId, `owner:${actor.id}`), { storeId: null, actor }));
    });
  },

  /** Before sign-in: the tenant is named by its public slug (the owner app's URL, the sign-in form). */
  anonymous: <T>(req: FastifyRequest, slug: string, fn: (ctx: Ctx) => Promise<T>): Promise<T> =>
    deps.db.transaction({ tenantId: null }, async (tx) => {
      const { rows } = await tx.sql.executeSql('SELECT app_tenant_by_slug($1) AS id', [slug]);
      const tenantId = rows[0]?.id;
      if (typeof tenantId !== 'string') throw new AppError('TENANT_NOT_FOUND');
      await tx.sql.executeSql(openingStatements(tenantId));
      return fn(
        Object.assign(baseCtx(deps, req, tx, tenantId), { storeId: null, actor: { kind: 'anonymous' as const } }),
      );
    }),
});

/** The platform operator's request: its own cookie and session table, never a tenant's (docs/operator.md). */
const operatorContexts = (deps: RequestDeps) => {
  const open = <T>(req: FastifyRequest, actor: OperatorCtx['actor'], fn: (ctx: OperatorCtx) => Promise<T>) =>
    operatorTransaction(
      { db: deps.db, clock: deps.clock, queueFor: deps.runner.queueFor },
      {
        actor,
        log: req.log.child({ operator: actor.kind === 'operator' ? actor.login : actor.kind }),
        request: {
          id: req.id,
          ip: req.ip,
          locale: localeOf(req.headers['accept-language']),
          userAgent: req.headers['user-agent'] ?? null,
        },
      },
      fn,
    );
  return {
    operator: <T>(req: FastifyRequest, fn: (ctx: OperatorCtx) => Promise<T>): Promise<T> => {
      const secret = parseOperatorCookie(req.cookies[operatorCookie.name]);
      if (!secret) throw new AppError('UNAUTHENTICATED');
      return open(req, { kind: 'anonymous' }, async (ctx) => {
        const session = await findOperatorSession(ctx.db, secret, deps.clock.now());
        if (!session) throw new AppError('SESSION_EXPIRED');
        checkCsrf(req, session.csrfToken);
        const actor = {
          kind: 'operator' as const,
          id: session.operatorId,
          login: session.login,
          sessionId: session.id,
          csrfToken: session.csrfToken,
        };
        return fn({ ...ctx, actor, log: ctx.log.child({ operator: actor.login }) });
      });
    },
    /** The operator's sign-in: the operator's transaction with no one signed in yet. */
    operatorDoor: <T>(req: FastifyRequest, fn: (ctx: OperatorCtx) => Promise<T>): Promise<T> =>
      open(req, { kind: 'anonymous' }, fn),
  };
};

export const allRequestContexts = (deps: RequestDeps) => ({ ...requestContexts(deps), ...operatorContexts(deps) });

export type RequestContexts = ReturnType<typeof allRequestContexts>;

export const clearSessionCookie = (reply: FastifyReply, kind: SessionKind) =>
  reply.clearCookie(cookieNames[kind], { path: '/' });

export const setSessionCookie = (reply: FastifyReply, kind: SessionKind, value: string, secure: boolean) =>
  reply.setCookie(cookieNames[kind], value, { path: '/', httpOnly: true, sameSite: 'lax', secure });
