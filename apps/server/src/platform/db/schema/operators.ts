import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenancy.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The platform's operators: not a tenant's staff, not tenant-scoped. Only the `m4s_operator` role reads
 * these tables (migration 0020 revokes them from the tenant application role).
 */
export const operators = pgTable(
  'operators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    login: text('login').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: stamp('locked_until'),
    lastSignInAt: stamp('last_sign_in_at'),
    createdAt: stamp('created_at').notNull().defaultNow(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('operators_login_key').on(t.login),
    check('operators_status_check', sql`${t.status} IN ('active', 'disabled')`),
  ],
);

export const operatorSessions = pgTable(
  'operator_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => operators.id),
    tokenHash: text('token_hash').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: stamp('created_at').notNull(),
    lastSeenAt: stamp('last_seen_at').notNull(),
    expiresAt: stamp('expires_at').notNull(),
    revokedAt: stamp('revoked_at'),
  },
  (t) => [uniqueIndex('operator_sessions_token_key').on(t.tokenHash)],
);

/** Every operator action, from the API (`operator`) or the command line (`cli`); append-only. */
export const operatorAudit = pgTable(
  'operator_audit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actorKind: text('actor_kind', { enum: ['operator', 'cli'] }).notNull(),
    operatorId: uuid('operator_id').references(() => operators.id),
    /** The operator's login, or the OS user who ran the CLI. */
    actorName: text('actor_name'),
    action: text('action').notNull(),
    /** The tenant the action concerns (not `tenant_id`: this is no tenant table). */
    targetTenantId: uuid('target_tenant_id').references(() => tenants.id),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    at: stamp('at').notNull(),
  },
  (t) => [
    index('operator_audit_at_idx').on(t.at),
    index('operator_audit_tenant_idx').on(t.targetTenantId, t.at),
    check('operator_audit_actor_check', sql`${t.actorKind} IN ('operator', 'cli')`),
  ],
);
