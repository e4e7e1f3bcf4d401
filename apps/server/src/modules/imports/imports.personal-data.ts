import { definePersonalData } from '../../platform/personal-data.ts';
import { forgetPersonInImports } from './imports.queries.ts';

/**
 * Uploaded DMS files leave rows of them behind: a run's sample rows (the mapping screen's preview) and its
 * rejected rows' values. They reference no customer; erasure finds the person's rows by their phones, name
 * or e-mail address and removes them.
 */
export const importsPersonalData = definePersonalData({
  module: 'imports',
  tables: [],
  erase: (ctx, _id, person) => forgetPersonInImports(ctx.sql, ctx.tenantId, person),
});
