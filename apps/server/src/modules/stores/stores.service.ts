import type { Store, StoreInput } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize, storeScope } from '../../platform/auth/permissions.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import * as q from './stores.queries.ts';

export const listStores = (ctx: StaffCtx): Promise<Store[]> =>
  q.listStores(ctx.db, ctx.tenantId, storeScope(ctx.actor));

export const getStore = async (ctx: StaffCtx, id: string): Promise<Store> => {
  const store = await q.findStore(ctx.db, ctx.tenantId, id);
  if (!store) throw new AppError('NOT_FOUND');
  authorize(ctx.actor, 'store.read', { storeId: store.id });
  return store;
};

const assertCodeFree = async (ctx: StaffCtx, code: string, exceptId?: string) => {
  const taken = await q.findStoreByCode(ctx.db, ctx.tenantId, code);
  if (taken && taken.id !== exceptId)
    throw new AppError('STORE_CODE_TAKEN', undefined, { issues: [{ path: 'code', message: 'store_code_taken' }] });
};

/** Opening a store is a group decision: only roles with group scope may create one. */
export const createStore = async (ctx: StaffCtx, input: StoreInput): Promise<Store> => {
  authorize(ctx.actor, 'store.write', { storeId: null });
  await assertCodeFree(ctx, input.code);
  const store = await q.insertStore(ctx.db, ctx.tenantId, input, ctx.clock.now());
  await audit(ctx, { action: 'store.created', target: { type: 'store', id: store.id }, details: { code: store.code } });
  return store;
};

export const updateStore = async (ctx: StaffCtx, id: string, input: StoreInput): Promise<Store> => {
  const before = await getStore(ctx, id);
  authorize(ctx.actor, 'store.write', { storeId: before.id });
  await assertCodeFree(ctx, input.code, id);
  const store = await q.updateStore(ctx.db, ctx.tenantId, id, input, ctx.clock.now());
  if (!store) throw new AppError('NOT_FOUND');
  const changed = (Object.keys(input) as (keyof StoreInput)[]).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(input[k]),
  );
  await audit(ctx, { action: 'store.updated', target: { type: 'store', id }, details: { changed } });
  return store;
};

/** A store opened by the platform (a new dealer group's first stores, the CLI): no staff member acting. */
export const openStoreAsPlatform = async (ctx: Ctx, input: StoreInput): Promise<Store> => {
  if (await q.findStoreByCode(ctx.db, ctx.tenantId, input.code))
    throw new AppError('STORE_CODE_TAKEN', undefined, { issues: [{ path: 'code', message: 'store_code_taken' }] });
  return q.insertStore(ctx.db, ctx.tenantId, input, ctx.clock.now());
};

/** The tenant's stores, for the platform (the CLI resolving a store code). */
export const storesAsPlatform = (ctx: Ctx): Promise<Store[]> => q.listStores(ctx.db, ctx.tenantId, null);

/** Every store's name by id, for labels in exports (a customer's home store may be any of the group's). */
export const storeNames = async (ctx: StaffCtx): Promise<Map<string, string>> =>
  new Map((await q.listStores(ctx.db, ctx.tenantId, null)).map((s) => [s.id, s.name]));
