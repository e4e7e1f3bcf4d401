import { and, desc, eq, sql } from 'drizzle-orm';
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

export const recordOperatorSignIn = async (
  db: Tx,
  id: string,
  outcome: { ok: boolean; now: Date; lockUntil: Date | null; failures: number },
) => {
  await db
    .update(operators)
    .set(
      outcome.ok
        ? { failedAttempts: 0, lockedUntil: null, lastSignInAt: outcome.now }
        : { failedAttempts: outcome.failures, lockedUntil: outcome.lockUntil },
    )
    .where(eq(operators.id, id));
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
