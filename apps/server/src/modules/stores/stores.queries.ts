import { and, asc, eq } from 'drizzle-orm';
import type { Store, StoreInput } from '@m4s/contracts';
import { stores } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

type Row = typeof stores.$inferSelect;

const toStore = (r: Row): Store => ({
  id: r.id,
  code: r.code,
  name: r.name,
  brand: r.brand,
  province: r.province,
  city: r.city,
  address: r.address,
  phone: r.phone,
  openingHours: r.openingHours,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export const listStores = async (db: Tx, tenantId: string, onlyStoreId: string | null): Promise<Store[]> => {
  const rows = await db
    .select()
    .from(stores)
    .where(and(eq(stores.tenantId, tenantId), onlyStoreId ? eq(stores.id, onlyStoreId) : undefined))
    .orderBy(asc(stores.code));
  return rows.map(toStore);
};

export const findStore = async (db: Tx, tenantId: string, id: string): Promise<Store | null> => {
  const [row] = await db
    .select()
    .from(stores)
    .where(and(eq(stores.tenantId, tenantId), eq(stores.id, id)));
  return row ? toStore(row) : null;
};

export const findStoreByCode = async (db: Tx, tenantId: string, code: string) => {
  const [row] = await db
    .select({ id: stores.id })
    .from(stores)
    .where(and(eq(stores.tenantId, tenantId), eq(stores.code, code)));
  return row ?? null;
};

export const insertStore = async (db: Tx, tenantId: string, input: StoreInput, now: Date): Promise<Store> => {
  const [row] = await db
    .insert(stores)
    .values({ tenantId, ...input, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error('store insert returned nothing');
  return toStore(row);
};

export const updateStore = async (db: Tx, tenantId: string, id: string, input: StoreInput, now: Date) => {
  const [row] = await db
    .update(stores)
    .set({ ...input, updatedAt: now })
    .where(and(eq(stores.tenantId, tenantId), eq(stores.id, id)))
    .returning();
  return row ? toStore(row) : null;
};
