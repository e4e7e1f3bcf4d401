import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CustomerData } from '@m4s/contracts';
import { consents, customerPhones, customers, interactions } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

export type CustomerRow = typeof customers.$inferSelect;
export type PhoneRow = typeof customerPhones.$inferSelect;

export const findCustomer = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id), isNull(customers.erasedAt)));
  return row ?? null;
};

export const phonesOf = (db: Tx, tenantId: string, customerIds: string[]) =>
  customerIds.length === 0
    ? Promise.resolve([] as PhoneRow[])
    : db
        .select()
        .from(customerPhones)
        .where(and(eq(customerPhones.tenantId, tenantId), inArray(customerPhones.customerId, customerIds)))
        .orderBy(asc(customerPhones.createdAt));

/** Which of these phones already belong to a customer other than `exceptId`. */
export const phonesTaken = async (db: Tx, tenantId: string, phones: string[], exceptId: string | null) => {
  if (phones.length === 0) return [];
  const rows = await db
    .select({ phone: customerPhones.phone, customerId: customerPhones.customerId })
    .from(customerPhones)
    .where(and(eq(customerPhones.tenantId, tenantId), inArray(customerPhones.phone, phones)));
  return rows.filter((r) => r.customerId !== exceptId);
};

type Fields = Omit<CustomerData, 'phones'>;

export const insertCustomer = async (db: Tx, tenantId: string, data: Fields, now: Date) => {
  const [row] = await db
    .insert(customers)
    .values({ tenantId, ...data, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error('customer insert returned nothing');
  return row;
};

export const updateCustomer = async (
  db: Tx,
  tenantId: string,
  id: string,
  data: Partial<typeof customers.$inferInsert>,
  now: Date,
) => {
  const [row] = await db
    .update(customers)
    .set({ ...data, updatedAt: now })
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)))
    .returning();
  return row ?? null;
};

/** Replaces the customer's phones with `phones` (first = primary). */
export const setPhones = async (db: Tx, tenantId: string, customerId: string, phones: string[], now: Date) => {
  await db
    .delete(customerPhones)
    .where(and(eq(customerPhones.tenantId, tenantId), eq(customerPhones.customerId, customerId)));
  if (phones.length === 0) return;
  await db.insert(customerPhones).values(
    phones.map((phone, i) => ({
      tenantId,
      customerId,
      phone,
      isPrimary: i === 0,
      createdAt: new Date(now.getTime() + i),
    })),
  );
};

/**
 * Search by name (partial, any position) or by phone (any 4+ consecutive digits). Returns ids in a
 * stable order; the caller loads and masks them.
 */
/**
 * Search by name (partial, any position), by phone (any 4+ consecutive digits), or by plate or VIN
 * (any 4+ letters and digits, spaces and the plate's middle dot ignored). Returns ids in a stable order;
 * the caller loads and masks them.
 */
export const customersByIds = (db: Tx, tenantId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([] as CustomerRow[])
    : db
        .select()
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), inArray(customers.id, ids)));

export const interactionsOf = (db: Tx, tenantId: string, customerId: string) =>
  db
    .select()
    .from(interactions)
    .where(and(eq(interactions.tenantId, tenantId), eq(interactions.customerId, customerId)))
    .orderBy(sql`${interactions.at} desc`)
    .limit(200);

export const insertInteraction = async (db: Tx, values: typeof interactions.$inferInsert) => {
  const [row] = await db.insert(interactions).values(values).returning();
  if (!row) throw new Error('interaction insert returned nothing');
  return row;
};

export const consentsOf = (db: Tx, tenantId: string, customerId: string) =>
  db
    .select()
    .from(consents)
    .where(and(eq(consents.tenantId, tenantId), eq(consents.customerId, customerId)))
    .orderBy(sql`${consents.at} desc`);

export const insertConsents = async (db: Tx, values: (typeof consents.$inferInsert)[]) => {
  if (values.length > 0) await db.insert(consents).values(values);
};

export const deleteCustomer = async (db: Tx, tenantId: string, id: string) => {
  await db.delete(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
};

/** Erasure: the record stays (business records point at it), anonymous; nothing about the person is left. */
export const blankCustomer = async (db: Tx, tenantId: string, id: string, now: Date) => {
  await db
    .update(customers)
    .set({
      name: '已注销客户',
      gender: null,
      contactName: null,
      contactTitle: null,
      birthday: null,
      occupation: null,
      idNumber: null,
      preferences: {},
      tags: [],
      notes: null,
      addresses: [],
      secondContact: null,
      email: null,
      channels: [],
      marketingOptOut: true,
      erasedAt: now,
      updatedAt: now,
    })
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
};

/** Before a merge moves them: the duplicate's phones stop being primary (the kept record's stays). */
export const demotePhones = async (db: Tx, tenantId: string, customerId: string) => {
  await db
    .update(customerPhones)
    .set({ isPrimary: false })
    .where(and(eq(customerPhones.tenantId, tenantId), eq(customerPhones.customerId, customerId)));
};
