import { definePersonalData } from '../../platform/personal-data.ts';
import { forgetPersonInImports } from './imports.queries.ts';
import { forgetPersonInJournal } from './journal.ts';

/**
 * Uploaded DMS files leave rows of them behind: a run's sample rows (the mapping screen's preview) and its
 * rejected rows' values. They reference no customer; erasure finds the person's rows by their phones, name
 * or e-mail address and removes them. The change journal's lines about the customer (old values of
 * their rows, kept for an undo) go too.
 */
export const importsPersonalData = definePersonalData({
  module: 'imports',
  tables: [],
  erase: async (ctx, _id, person) => {
    await forgetPersonInImports(ctx.sql, ctx.tenantId, person);
    await forgetPersonInJournal(ctx.sql, ctx.tenantId, person.customerId);
  },
});
