import type { FastifyBaseLogger } from 'fastify';
import type { Locale, Role } from '@m4s/contracts';
import type { Clock } from './clock.ts';
import type { SqlExecutor, Tx } from './db/types.ts';
import type { JobQueue } from './jobs/queue.ts';

export type StaffActor = {
  kind: 'staff';
  id: string;
  role: Role;
  storeId: string | null;
  /** The tenant's option: 'own' narrows "own"-scope roles (consultants, advisors) to their assigned customers. */
  customerScope: 'group' | 'own';
  sessionId: string;
  csrfToken: string;
  /** Who they are, read with their session (what GET /api/auth/staff/me shows); absent on actors made elsewhere. */
  profile?: StaffProfile;
};
export type StaffProfile = {
  login: string;
  name: string;
  storeName: string | null;
  tenant: { id: string; slug: string; name: string };
  /** An admin reset their password: only the routes without a permission answer until they change it. */
  mustChangePassword: boolean;
};
export type OwnerActor = { kind: 'owner'; id: string; sessionId: string; csrfToken: string };
export type Actor = StaffActor | OwnerActor | { kind: 'anonymous' } | { kind: 'system' };

/** Everything a service function needs, passed as its first argument. */
export type Ctx<A extends Actor = Actor> = {
  tenantId: string;
  storeId: string | null;
  actor: A;
  db: Tx;
  sql: SqlExecutor;
  jobs: JobQueue;
  clock: Clock;
  log: FastifyBaseLogger;
  request: { id: string; ip: string; locale: Locale; userAgent: string | null };
};

export type StaffCtx = Ctx<StaffActor>;
export type OwnerCtx = Ctx<OwnerActor>;

/**
 * The context of work done by the system in one tenant's transaction — a job, the start-up, a test that
 * runs as a job does: no person acting, no store, a request id naming the work.
 */
export const systemCtx = (input: {
  tenantId: string;
  tx: { db: Tx; sql: SqlExecutor };
  jobs: JobQueue;
  clock: Clock;
  log: FastifyBaseLogger;
  requestId: string;
}): Ctx => ({
  tenantId: input.tenantId,
  storeId: null,
  actor: { kind: 'system' },
  db: input.tx.db,
  sql: input.tx.sql,
  jobs: input.jobs,
  clock: input.clock,
  log: input.log,
  request: { id: input.requestId, ip: '127.0.0.1', locale: 'zh-CN', userAgent: null },
});

/** The platform operator, signed in through the operator API, or the person running the CLI. */
export type OperatorActor =
  | { kind: 'operator'; id: string; login: string; sessionId: string; csrfToken: string }
  | { kind: 'cli'; name: string }
  /** At the operator's sign-in door, before anyone is known. */
  | { kind: 'anonymous' };

/**
 * The platform operator's context: one transaction as the `m4s_operator` role (its own tables and every
 * tenant's row; no tenant's rows while no tenant is named), `inTenant` to act inside one tenant in that same
 * transaction (that tenant named, under the application role's row-level security, like a job), and
 * `openTenant` for work that must run after it, in short transactions of its own (an export streamed page by
 * page).
 */
export type OperatorCtx = {
  actor: OperatorActor;
  db: Tx;
  sql: SqlExecutor;
  clock: Clock;
  log: FastifyBaseLogger;
  request: { id: string; ip: string | null; locale: Locale; userAgent: string | null };
  inTenant: <T>(tenantId: string, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
  openTenant: <T>(tenantId: string, fn: (tx: { db: Tx; sql: SqlExecutor }) => Promise<T>) => Promise<T>;
};
