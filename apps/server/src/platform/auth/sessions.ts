import { and, eq, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import { roles } from '@m4s/contracts';
import { col, maybeRow } from '../db/rows.ts';
import { timeLiteral, tokenLiteral, uuidLiteral, wordLiteral } from '../db/literals.ts';
import { sessions } from '../db/schema/index.ts';
import type { FirstStatement, Tx, TxHandle } from '../db/types.ts';
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

const liveSession = `s.tenant_id = $1 AND s.token_hash = $2 AND s.kind = $3 AND s.revoked_at IS NULL AND s.expires_at > $4`;

/** The arguments of a session statement, as checked literals (TxScope.first). */
const sessionArgs = (tenantId: string, kind: SessionKind, secret: string, now: Date) => [
  uuidLiteral(tenantId),
  tokenLiteral(sha256(secret)),
  wordLiteral(kind),
  timeLiteral(now),
];

/**
 * The first statement of an owner request's transaction (TxScope.first): the live session behind the
 * cookie secret. Owner accounts are never deleted (erasure anonymises them), so it names a live owner.
 */
export const ownerSessionStatement = (tenantId: string, secret: string, now: Date): FirstStatement => ({
  name: 'm4s_owner_session',
  text: `SELECT s.id, s.subject_id, s.last_seen_at FROM sessions s WHERE ${liveSession}`,
  args: sessionArgs(tenantId, 'owner', secret, now),
});

/**
 * The first statement of a staff request's transaction: its session, member, store and tenant in one
 * look-up (every staff request starts here, so it is the hottest query of the API) — who is asking, with
 * what /me shows of them; no row when the session is unknown, revoked or expired, or the member is disabled.
 */
export const staffSessionStatement = (tenantId: string, secret: string, now: Date): FirstStatement => ({
  name: 'm4s_staff_session',
  text: `SELECT s.id, s.last_seen_at, m.id AS staff_id, m.role, m.store_id, t.customer_scope,
      m.login, m.name, m.must_change_password, st.name AS store_name, t.slug AS tenant_slug,
      t.name AS tenant_name
    FROM sessions s
    JOIN staff m ON m.tenant_id = s.tenant_id AND m.id = s.subject_id
    JOIN tenants t ON t.id = s.tenant_id
    LEFT JOIN stores st ON st.tenant_id = m.tenant_id AND st.id = m.store_id
    WHERE ${liveSession} AND m.status = 'active'`,
  args: sessionArgs(tenantId, 'staff', secret, now),
});

const ownerSessionRow = z.object({ id: col.text, subject_id: col.text, last_seen_at: col.instant });
const staffSessionRow = z.object({
  id: col.text,
  last_seen_at: col.instant,
  staff_id: col.text,
  role: z.enum(roles),
  store_id: col.textOrNull,
  customer_scope: z.enum(['group', 'own']),
  login: col.text,
  name: col.text,
  must_change_password: col.bool,
  store_name: col.textOrNull,
  tenant_slug: col.text,
  tenant_name: col.text,
});

/** The owner session that ownerSessionStatement found (sliding its expiry), or null. */
export const ownerSessionOf = async (tx: TxHandle, tenantId: string, secret: string, now: Date) => {
  const row = maybeRow(ownerSessionRow, { rows: tx.first ?? [] }, 'the owner session look-up');
  if (!row) return null;
  await slide(tx.db, tenantId, 'owner', { id: row.id, lastSeenAt: row.last_seen_at }, now);
  return { id: row.id, subjectId: row.subject_id, csrfToken: csrfTokenFor(secret) };
};

/** The staff session and member that staffSessionStatement found (sliding its expiry), or null. */
export const staffSessionOf = async (tx: TxHandle, tenantId: string, secret: string, now: Date) => {
  const row = maybeRow(staffSessionRow, { rows: tx.first ?? [] }, 'the staff session look-up');
  if (!row) return null;
  await slide(tx.db, tenantId, 'staff', { id: row.id, lastSeenAt: row.last_seen_at }, now);
  return {
    id: row.id,
    staffId: row.staff_id,
    role: row.role,
    storeId: row.store_id,
    customerScope: row.customer_scope,
    csrfToken: csrfTokenFor(secret),
    profile: {
      login: row.login,
      name: row.name,
      storeName: row.store_name,
      tenant: { id: tenantId, slug: row.tenant_slug, name: row.tenant_name },
      mustChangePassword: row.must_change_password,
    },
  };
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
