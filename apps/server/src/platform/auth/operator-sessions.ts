import { and, eq, gt, isNull } from 'drizzle-orm';
import { operators, operatorSessions } from '../db/schema/index.ts';
import type { Tx } from '../db/types.ts';
import { randomToken, sha256 } from './crypto.ts';
import { csrfTokenFor } from './sessions.ts';

/**
 * The platform operator's sessions: their own table and cookie, so no tenant's session can ever be one.
 * The cookie is only sent to the operator's API (its path), and carries no tenant.
 */
export const operatorCookie = { name: 'm4s_operator', path: '/api/operator' } as const;

/** Shorter than staff sessions: an operator can onboard, suspend and export every tenant. */
export const operatorSessionTtlMs = 8 * 3600_000;
const slideAfterMs = 10 * 60_000;

export const parseOperatorCookie = (value: string | undefined): string | null =>
  value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;

export const createOperatorSession = async (
  db: Tx,
  input: { operatorId: string; ip: string | null; userAgent: string | null; now: Date },
) => {
  const secret = randomToken();
  const [row] = await db
    .insert(operatorSessions)
    .values({
      operatorId: input.operatorId,
      tokenHash: sha256(`operator|${secret}`),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt: new Date(input.now.getTime() + operatorSessionTtlMs),
    })
    .returning({ id: operatorSessions.id });
  if (!row) throw new Error('operator session insert returned nothing');
  return { id: row.id, cookie: secret, csrfToken: csrfTokenFor(`operator|${secret}`) };
};

/** The live session and its active operator, sliding the expiry; null when unknown, revoked, expired or disabled. */
export const findOperatorSession = async (db: Tx, secret: string, now: Date) => {
  const [row] = await db
    .select({
      id: operatorSessions.id,
      lastSeenAt: operatorSessions.lastSeenAt,
      operatorId: operators.id,
      login: operators.login,
    })
    .from(operatorSessions)
    .innerJoin(operators, eq(operators.id, operatorSessions.operatorId))
    .where(
      and(
        eq(operatorSessions.tokenHash, sha256(`operator|${secret}`)),
        isNull(operatorSessions.revokedAt),
        gt(operatorSessions.expiresAt, now),
        eq(operators.status, 'active'),
      ),
    );
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > slideAfterMs)
    await db
      .update(operatorSessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + operatorSessionTtlMs) })
      .where(eq(operatorSessions.id, row.id));
  return { ...row, csrfToken: csrfTokenFor(`operator|${secret}`) };
};

export const revokeOperatorSession = async (db: Tx, sessionId: string, now: Date) => {
  await db.update(operatorSessions).set({ revokedAt: now }).where(eq(operatorSessions.id, sessionId));
};

/** Signs an operator out everywhere (password reset from the CLI). */
export const revokeOperatorSessions = async (db: Tx, operatorId: string, now: Date) => {
  await db
    .update(operatorSessions)
    .set({ revokedAt: now })
    .where(and(eq(operatorSessions.operatorId, operatorId), isNull(operatorSessions.revokedAt)));
};
