import { idParams } from '../common.ts';
import { store, storeInput, storeList } from '../stores.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['stores'];

export const storeRoutes = defineRoutes({
  list: { method: 'GET', path: '/stores', auth: 'staff', permission: 'store.read', response: storeList, tags },
  create: {
    method: 'POST',
    path: '/stores',
    auth: 'staff',
    permission: 'store.write',
    body: storeInput,
    response: store,
    status: 201,
    tags,
  },
  get: {
    method: 'GET',
    path: '/stores/:id',
    auth: 'staff',
    permission: 'store.read',
    params: idParams,
    response: store,
    tags,
  },
  update: {
    method: 'PUT',
    path: '/stores/:id',
    auth: 'staff',
    permission: 'store.write',
    params: idParams,
    body: storeInput,
    response: store,
    tags,
  },
});
