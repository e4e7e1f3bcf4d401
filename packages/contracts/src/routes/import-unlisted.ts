import { unlistedList } from '../catalogue.ts';
import { idParams } from '../common.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['imports'];

/** An import's catalogue values that matched nothing, listed once with their row counts (docs/imports.md). */
export const importUnlistedRoutes = defineRoutes({
  list: {
    method: 'GET',
    path: '/imports/:id/unlisted',
    auth: 'staff',
    permission: 'customer.import',
    params: idParams,
    response: unlistedList,
    tags,
  },
});
