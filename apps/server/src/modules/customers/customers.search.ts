import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { customerPhones, customers } from '../../platform/db/schema/index.ts';
import { col, parseRows } from '../../platform/db/rows.ts';
import type { Tx } from '../../platform/db/types.ts';
import { z } from 'zod';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Which customers a search box query names, best first: part of a name (two characters or more; one
 * character is taken as a surname), any four or more digits of a phone, part of a plate (three or more)
 * or of a VIN (four or more). Each kind is answered by its own index and the hits are merged, so the
 * cost follows the number of hits, not the number of customers.
 * Order: for a query of digits, a customer with a phone ending in them first ("0001" → 138****0001),
 * then customers with a phone containing them; within each, the shortest such phone first (the number
 * typed whole before a longer one ending in it), then the customer touched most recently (`updated_at`).
 * Everything else (names, plates, VINs) follows as before: shortest name, then name.
 * `onlyStaffId`: the tenant restricts this consultant/advisor to the customers assigned to them.
 */
export const searchCustomerIds = async (
  db: Tx,
  tenantId: string,
  q: string,
  limit: number,
  onlyStaffId: string | null = null,
): Promise<string[]> => {
  const text = q.trim();
  const compact = text.replace(/[\s·.-]/g, '').toUpperCase();
  const scope = and(
    eq(customers.tenantId, tenantId),
    isNull(customers.erasedAt),
    onlyStaffId
      ? or(eq(customers.salesConsultantId, onlyStaffId), eq(customers.serviceAdvisorId, onlyStaffId))
      : undefined,
  );

  if ([...text].length === 1) {
    const rows = await db
      .select({ id: customers.id })
      .from(customers)
      .where(and(scope, sql`${customers.name} COLLATE "C" LIKE ${`${escapeLike(text)}%`}`))
      .orderBy(sql`${customers.name} COLLATE "C"`)
      .limit(limit);
    return rows.map((r) => r.id);
  }

  // Each kind of hit comes from its own index, through app_customer_hits() (migration 0012: under RLS
  // the planner may not use these indexes, so the look-up runs as the tables' owner, in this tenant only).
  // The hits are read first, on their own: on Citus a query of a distributed table cannot call a function that
  // reads distributed tables, and each of the function's statements names the tenant (migration 0043).
  const hits = (kind: 'name' | 'phone' | 'plate' | 'vin', needle: string) =>
    sql`SELECT app_customer_hits(${kind}, ${needle}, ${tenantId}::uuid) AS id`;
  const kinds: SQL[] = [hits('name', text)];
  const isPhoneQuery = /^\d{4,11}$/.test(compact);
  if (isPhoneQuery) kinds.push(hits('phone', compact));
  if (/^(\p{Script=Han}[A-Z0-9]{2,7}|[A-Z0-9]{3,17})$/u.test(compact)) kinds.push(hits('plate', compact));
  if (/^[A-Z0-9]{4,17}$/.test(compact)) kinds.push(hits('vin', compact));

  const found: unknown = await db.execute(sql`${sql.join(kinds, sql` UNION `)}`);
  const ids = parseRows(
    z.object({ id: col.text }),
    z.object({ rows: z.array(z.unknown()) }).parse(found),
    'the search hits',
  ).map((r) => r.id);
  if (ids.length === 0) return [];
  const hitIds = inArray(customers.id, ids);
  const byName = [asc(sql`length(${customers.name})`), asc(customers.name), asc(customers.id)];
  if (!isPhoneQuery) {
    const rows = await db
      .select({ id: customers.id })
      .from(customers)
      .where(and(scope, hitIds))
      .orderBy(...byName)
      .limit(limit);
    return rows.map((r) => r.id);
  }

  // The phone rank of each hit: 0-tier (a phone ending in the digits) or 1-tier (containing them), plus
  // the length of that phone; null for a customer found by name, plate or VIN only. Read per hit through
  // customer_phones_customer_idx (tenant, customer), so it costs one index probe per hit, never a scan.
  const phoneRank = db
    .select({
      key: sql<number | null>`min(CASE WHEN ${customerPhones.phone} LIKE ${`%${compact}`} THEN 0 ELSE 100 END
        + length(${customerPhones.phone}))`.as('phone_rank'),
    })
    .from(customerPhones)
    .where(
      and(
        eq(customerPhones.tenantId, tenantId),
        eq(customerPhones.tenantId, customers.tenantId),
        eq(customerPhones.customerId, customers.id),
        sql`${customerPhones.phone} LIKE ${`%${compact}%`}`,
      ),
    )
    .as('ph');
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    // An aggregate: one row per customer, so a cross join (on Citus an outer join ON true is not planned).
    .crossJoinLateral(phoneRank)
    .where(and(scope, hitIds))
    .orderBy(
      sql`${phoneRank.key} ASC NULLS LAST`,
      sql`CASE WHEN ${phoneRank.key} IS NOT NULL THEN ${customers.updatedAt} END DESC NULLS LAST`,
      ...byName,
    )
    .limit(limit);
  return rows.map((r) => r.id);
};
