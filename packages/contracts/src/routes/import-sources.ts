import { idParams, listOf } from '../common.ts';
import { importSource, importSourceInput } from '../import-sources.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['imports'];

/** The old systems a tenant imports from, for the import screen's source picker. */
export const importSourceRoutes = defineRoutes({
  list: {
    method: 'GET',
    path: '/import-sources',
    auth: 'staff',
    permission: 'customer.import',
    response: listOf(importSource),
    tags,
  },
  create: {
    method: 'POST',
    path: '/import-sources',
    auth: 'staff',
    permission: 'customer.import',
    body: importSourceInput,
    response: importSource,
    status: 201,
    tags,
  },
  rename: {
    method: 'PATCH',
    path: '/import-sources/:id',
    auth: 'staff',
    permission: 'customer.import',
    params: idParams,
    body: importSourceInput,
    response: importSource,
    tags,
  },
});
