import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { roles } from '@m4s/contracts';
import { departments, roles as roleTable, stores, tenantKeyColumns, tenants, tenantTableRules } from './tenancy.ts';
import { tenantPolicy } from './tenant-table.ts';

export const staff = pgTable(
  'staff',
  {
    ...tenantKeyColumns(),
    storeId: uuid('store_id'),
    departmentId: uuid('department_id'),
    login: text('login').notNull(),
    phone: text('phone'),
    name: text('name').notNull(),
    role: text('role', { enum: roles })
      .notNull()
      .references(() => roleTable.code),
    passwordHash: text('password_hash').notNull(),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** Set when an admin resets the password: the temporary one must be replaced at the next sign-in. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'staff'),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.departmentId], foreignColumns: [departments.tenantId, departments.id] }),
    uniqueIndex('staff_login_key').on(t.tenantId, t.login),
    uniqueIndex('staff_phone_key')
      .on(t.tenantId, t.phone)
      .where(sql`phone is not null`),
    // Login and phone never collide: a login shaped like a mobile number is the member's own phone.
    check(
      'staff_login_not_phone_check',
      sql`${t.login} !~ '^1[3-9][0-9]{9}$' OR ${t.login} IS NOT DISTINCT FROM ${t.phone}`,
    ),
  ],
).enableRLS();

/**
 * Wrong staff passwords counted per (login, client address), and per login alone under ip '' for logins
 * that name no member (a member's own count is on its staff row). `signed_in_at`: this address has signed
 * in to this login, so the account-wide lock does not hold it back (docs/staff-sign-in.md).
 */
export const staffSignInThrottles = pgTable(
  'staff_sign_in_throttles',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    login: text('login').notNull(),
    ip: text('ip').notNull(),
    failures: integer('failures').notNull().default(0),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }),
    signedInAt: timestamp('signed_in_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.login, t.ip] }), tenantPolicy('staff_sign_in_throttles')],
).enableRLS();

/** A car owner's account in one tenant's owner app, identified by a mobile number. */
export const owners = pgTable(
  'owners',
  {
    ...tenantKeyColumns(),
    phone: text('phone').notNull(),
    name: text('name'),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [...tenantTableRules(t, 'owners'), uniqueIndex('owners_phone_key').on(t.tenantId, t.phone)],
).enableRLS();

/** One-time sign-in codes, stored as hashes. */
export const ownerOtps = pgTable(
  'owner_otps',
  {
    ...tenantKeyColumns(),
    phone: text('phone').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    requestIp: text('request_ip').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'owner_otps'),
    index('owner_otps_phone_idx').on(t.tenantId, t.phone, t.createdAt),
    index('owner_otps_ip_idx').on(t.tenantId, t.requestIp, t.createdAt),
  ],
).enableRLS();

/** Server-side sessions for staff and owners; the cookie holds `<tenant id>.<secret>`, the table its hash. */
export const sessions = pgTable(
  'sessions',
  {
    ...tenantKeyColumns(),
    kind: text('kind', { enum: ['staff', 'owner'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    ...tenantTableRules(t, 'sessions'),
    uniqueIndex('sessions_token_key').on(t.tenantId, t.tokenHash),
    index('sessions_subject_idx').on(t.tenantId, t.kind, t.subjectId),
  ],
).enableRLS();
