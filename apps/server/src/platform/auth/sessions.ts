import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import { sessions, staff, tenants } from '../db/schema/index.ts';
import type { Tx } from '../db/types.ts';
import { randomToken, sha256 } from './crypto.ts';

export type SessionKind = 'staff' | 'owner';

export const cookieNames: Record<SessionKind, string> = { staff: 'm4s_staff', owner: 'm4s_owner' };

/** Idle lifetime; each use within it slides the expiry forward. */
export const sessionTtlMs: Record<SessionKind, number> = { staff: 12 * 3600_000, owner: 30 * 24 * 3600_000 };
const slideAfterMs = 10 * 60_000;

/** The cookie carries the tenant so the session can be found under that tenant's row-level security. */
export const parseSessionCookie = (value: string | undefined): { tenantId: string; secret: string } | null => {
  if (!value) return null;
  const dot = value.indexOf('.');
  if (dot !== 36) return null;
  const tenantId = value.slice(0, dot);
  const secret = value.slice(dot + 1);
  return /^[0-9a-f-]{36}$/.test(tenantId) && secret.length >= 32 ? { tenantId, secret } : null;
};

export const csrfTokenFor = (secret: string): string => sha256(`csrf|${secret}`);

type NewSession = {
  tenantId: string;
  kind: SessionKind;
  subjectId: string;
  ip: string;
  userAgent: string | null;
  now: Date;
};

export const createSession = async (db: Tx, input: NewSession) => {
  const secret = randomToken();
  const [row] = await db
    .insert(sessions)
    .values({
      tenantId: input.tenantId,
      kind: input.kind,
      subjectId: input.subjectId,
      tokenHash: sha256(secret),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt: new Date(input.now.getTime() + sessionTtlMs[input.kind]),
    })
    .returning({ id: sessions.id });
  if (!row) throw new Error('session insert returned nothing');
  return { id: row.id, cookie: `${input.tenantId}.${secret}`, csrfToken: csrfTokenFor(secret) };
};

/** Pushes the idle expiry forward, at most once every ten minutes per session. */
const slide = async (db: Tx, tenantId: string, kind: SessionKind, row: { id: string; lastSeenAt: Date }, now: Date) => {
  if (now.getTime() - row.lastSeenAt.getTime() <= slideAfterMs) return;
  await db
    .update(sessions)
    .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + sessionTtlMs[kind]) })
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, row.id)));
};

/** The live session behind a cookie secret, sliding its expiry; null when unknown, revoked or expired. */
export const findSession = async (db: Tx, tenantId: string, kind: SessionKind, secret: string, now: Date) => {
  const [row] = await db
    .select({ id: sessions.id, subjectId: sessions.subjectId, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(
      and(
        eq(sessions.tenantId, tenantId),
        eq(sessions.tokenHash, sha256(secret)),
        eq(sessions.kind, kind),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
      ),
    );
  if (!row) return null;
  await slide(db, tenantId, kind, row, now);
  return { id: row.id, subjectId: row.subjectId, csrfToken: csrfTokenFor(secret) };
};

/**
 * A staff request's session and its member in one round trip (every staff request starts here, so it
 * is the hottest query of the API); null when unknown, revoked, expired, or the member is disabled.
 */
export const findStaffSession = async (db: Tx, tenantId: string, secret: string, now: Date) => {
  const [row] = await db
    .select({
      id: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      staffId: staff.id,
      role: staff.role,
      storeId: staff.storeId,
      customerScope: tenants.customerScope,
    })
    .from(sessions)
    .innerJoin(staff, and(eq(staff.tenantId, sessions.tenantId), eq(staff.id, sessions.subjectId)))
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    .where(
      and(
        eq(sessions.tenantId, tenantId),
        eq(sessions.tokenHash, sha256(secret)),
        eq(sessions.kind, 'staff'),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        eq(staff.status, 'active'),
      ),
    );
  if (!row) return null;
  await slide(db, tenantId, 'staff', row, now);
  return { ...row, csrfToken: csrfTokenFor(secret) };
};

export const revokeSession = async (db: Tx, tenantId: string, sessionId: string, now: Date) => {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId)));
};

/** Signs a person out everywhere but (optionally) the session in hand: password change, account disabled. */
export const revokeAllSessions = async (
  db: Tx,
  input: { tenantId: string; kind: SessionKind; subjectId: string; now: Date; except?: string },
) => {
  await db
    .update(sessions)
    .set({ revokedAt: input.now })
    .where(
      and(
        eq(sessions.tenantId, input.tenantId),
        eq(sessions.kind, input.kind),
        eq(sessions.subjectId, input.subjectId),
        isNull(sessions.revokedAt),
        input.except ? ne(sessions.id, input.except) : undefined,
      ),
    );
};

/** Signs out every staff member and owner of a tenant at once: the tenant was suspended. */
export const revokeTenantSessions = async (db: Tx, tenantId: string, now: Date): Promise<number> => {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tenantId, tenantId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
};
