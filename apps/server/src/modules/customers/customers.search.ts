import { and, asc, eq, inArray, isNull, or, sql, type Column, type SQL } from 'drizzle-orm';
import { customerPhones, customers, vehicles } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * `app_grams(value, n)` pieces, matching the GIN indexes of migration 0009 exactly (n must be the
 * literal the index was built with, or the planner will not use it).
 */
const grams = (value: SQL | Column | string, n: 2 | 3 | 4) => sql`app_grams(${value}, ${sql.raw(String(n))})`;
const nameAndContact = sql`${customers.name} || coalesce(${customers.contactName}, '')`;

/**
 * Which customers a search box query names, best first: part of a name (two characters or more; one
 * character is taken as a surname), any four or more digits of a phone, part of a plate (three or more)
 * or of a VIN (four or more). Each kind is answered by its own index and the hits are merged, so the
 * cost follows the number of hits, not the number of customers.
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

  const like = `%${escapeLike(text)}%`;
  const carLike = `%${escapeLike(compact)}%`;
  const hits: SQL[] = [
    sql`SELECT ${customers.id} FROM ${customers} WHERE ${customers.tenantId} = ${tenantId}
      AND ${grams(nameAndContact, 2)} @> ${grams(text, 2)}
      AND (${customers.name} ILIKE ${like} OR ${customers.contactName} ILIKE ${like})`,
  ];
  if (/^\d{4,11}$/.test(compact))
    hits.push(sql`SELECT ${customerPhones.customerId} FROM ${customerPhones} WHERE ${customerPhones.tenantId} = ${tenantId}
      AND ${grams(customerPhones.phone, 4)} @> ${grams(compact, 4)} AND ${customerPhones.phone} LIKE ${carLike}`);
  if (/^(\p{Script=Han}[A-Z0-9]{2,7}|[A-Z0-9]{3,17})$/u.test(compact))
    hits.push(sql`SELECT ${vehicles.ownerId} FROM ${vehicles} WHERE ${vehicles.tenantId} = ${tenantId}
      AND ${grams(vehicles.plate, 3)} @> ${grams(compact, 3)} AND upper(${vehicles.plate}) LIKE ${carLike}`);
  if (/^[A-Z0-9]{4,17}$/.test(compact))
    hits.push(sql`SELECT ${vehicles.ownerId} FROM ${vehicles} WHERE ${vehicles.tenantId} = ${tenantId}
      AND ${grams(vehicles.vin, 4)} @> ${grams(compact, 4)} AND ${vehicles.vin} LIKE ${carLike}`);

  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(scope, inArray(customers.id, sql`(${sql.join(hits, sql` UNION `)})`)))
    .orderBy(asc(sql`length(${customers.name})`), asc(customers.name))
    .limit(limit);
  return rows.map((r) => r.id);
};
