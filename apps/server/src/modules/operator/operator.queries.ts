import { and, desc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { TenantSummary } from '@m4s/contracts';
import { operatorAudit, operators, tenants } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

// Every query here runs as the m4s_operator role (platform/operator-tx.ts): the operator's own tables and
// the tenants' rows; never a tenant table.

export const findOperatorByLogin = async (db: Tx, login: string) => {
  const [row] = await db.select().from(operators).where(eq(operators.login, login.trim().toLowerCase()));
  return row ?? null;
};

export const findOperator = async (db: Tx, id: string) => {
  const [row] = await db
    .select({ id: operators.id, login: operators.login, name: operators.name })
    .from(operators)
    .where(eq(operators.id, id));
  return row ?? null;
};

export const operatorCount = async (db: Tx): Promise<number> => {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(operators);
  return Number(row?.n ?? 0);
};

export const insertOperator = async (
  db: Tx,
  values: { login: string; name: string; passwordHash: string; now: Date },
) => {
  const [row] = await db
    .insert(operators)
    .values({
      login: values.login,
      name: values.name,
      passwordHash: values.passwordHash,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .returning({ id: operators.id, login: operators.login, name: operators.name });
  if (!row) throw new Error('operator insert returned nothing');
  return row;
};

export const setOperatorPassword = async (db: Tx, id: string, passwordHash: string, now: Date) => {
  await db
    .update(operators)
    .set({ passwordHash, failedAttempts: 0, lockedUntil: null, updatedAt: now })
    .where(eq(operators.id, id));
};

/** Not locked at `now`: never locked, or the lock has run out. */
const unlockedAt = (now: Date) => or(isNull(operators.lockedUntil), lte(operators.lockedUntil, now));

/**
 * Counts one wrong password in one conditional UPDATE (as staff sign-in does: see countFailedSignIn in
 * modules/staff), so concurrent failures are each counted; the one reaching `rule.failures` locks. Null
 * when the account was already locked at `now`.
 */
export const countOperatorFailure = async (
  db: Tx,
  id: string,
  now: Date,
  rule: { failures: number; minutes: number },
) => {
  const reaches = sql`${operators.failedAttempts} + 1 >= ${rule.failures}`;
  const lockUntil = new Date(now.getTime() + rule.minutes * 60_000).toISOString();
  const [row] = await db
    .update(operators)
    .set({
      failedAttempts: sql`CASE WHEN ${reaches} THEN 0 ELSE ${operators.failedAttempts} + 1 END`,
      lockedUntil: sql`CASE WHEN ${reaches} THEN ${lockUntil}::timestamptz ELSE NULL END`,
    })
    .where(and(eq(operators.id, id), unlockedAt(now)))
    .returning({ failedAttempts: operators.failedAttempts, lockedUntil: operators.lockedUntil });
  if (!row) return null;
  return row.lockedUntil
    ? { failures: rule.failures, lockedUntil: row.lockedUntil }
    : { failures: row.failedAttempts, lockedUntil: null };
};

/** A right password signs in only if no concurrent failure has locked the account meanwhile. */
export const recordOperatorSignedIn = async (db: Tx, id: string, now: Date) => {
  const rows = await db
    .update(operators)
    .set({ failedAttempts: 0, lockedUntil: null, lastSignInAt: now })
    .where(and(eq(operators.id, id), unlockedAt(now)))
    .returning({ id: operators.id });
  return rows.length === 1;
};

export const operatorLockedUntil = async (db: Tx, id: string) => {
  const [row] = await db.select({ lockedUntil: operators.lockedUntil }).from(operators).where(eq(operators.id, id));
  return row?.lockedUntil ?? null;
};

export type AuditInsert = Omit<typeof operatorAudit.$inferInsert, 'id'>;

export const insertOperatorAudit = async (db: Tx, entry: AuditInsert) => {
  await db.insert(operatorAudit).values(entry);
};

export const listOperatorAudit = async (db: Tx, filter: { tenantId?: string | undefined; limit: number }) =>
  db
    .select()
    .from(operatorAudit)
    .where(filter.tenantId ? eq(operatorAudit.targetTenantId, filter.tenantId) : undefined)
    .orderBy(desc(operatorAudit.at), desc(operatorAudit.id))
    .limit(filter.limit);

const summaryColumns = {
  id: tenants.id,
  slug: tenants.slug,
  name: tenants.name,
  shortName: tenants.shortName,
  timezone: tenants.timezone,
  brands: tenants.brands,
  status: tenants.status,
  createdAt: tenants.createdAt,
  suspendedAt: tenants.suspendedAt,
};

type SummaryRow = Omit<TenantSummary, 'createdAt' | 'suspendedAt'> & { createdAt: Date; suspendedAt: Date | null };

const toSummary = (r: SummaryRow): TenantSummary => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  suspendedAt: r.suspendedAt?.toISOString() ?? null,
});

export const listTenants = async (db: Tx): Promise<TenantSummary[]> =>
  (await db.select(summaryColumns).from(tenants).orderBy(tenants.createdAt, tenants.slug)).map(toSummary);

export const findTenant = async (db: Tx, by: { id: string } | { slug: string }): Promise<TenantSummary | null> => {
  const [row] = await db
    .select(summaryColumns)
    .from(tenants)
    .where('id' in by ? eq(tenants.id, by.id) : eq(tenants.slug, by.slug));
  return row ? toSummary(row) : null;
};

export const slugTaken = async (db: Tx, slug: string) =>
  (await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug))).length > 0;

export const insertTenant = async (db: Tx, values: typeof tenants.$inferInsert): Promise<TenantSummary> => {
  const [row] = await db.insert(tenants).values(values).returning(summaryColumns);
  if (!row) throw new Error('tenant insert returned nothing');
  return toSummary(row);
};

/** Moves a tenant between active and suspended; null when it was not in the expected state. */
export const setTenantStatus = async (
  db: Tx,
  id: string,
  change: { from: 'active' | 'suspended'; to: 'active' | 'suspended'; now: Date },
): Promise<TenantSummary | null> => {
  const [row] = await db
    .update(tenants)
    .set({ status: change.to, suspendedAt: change.to === 'suspended' ? change.now : null, updatedAt: change.now })
    .where(and(eq(tenants.id, id), eq(tenants.status, change.from)))
    .returning(summaryColumns);
  return row ? toSummary(row) : null;
};
