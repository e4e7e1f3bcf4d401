import { definePersonalData } from '../../platform/personal-data.ts';
import { deleteOwnerAccounts, ownersByPhones } from './owner-auth.queries.ts';

/**
 * The person's owner-app accounts (signed in with one of the customer's phones), with their sessions and
 * sign-in codes. They reference no customer: they are found by phone. Erasure deletes them — it comes last
 * in src/personal-data.ts, after the modules whose rows point at an account (bindings, inbox, bookings).
 */
export const authPersonalData = definePersonalData({
  module: 'auth',
  tables: [],
  identify: async (ctx, person) => ({
    ownerIds: (await ownersByPhones(ctx.db, ctx.tenantId, person.phones)).map((o) => o.id),
  }),
  export: async (ctx, _id, person) => ({
    appAccounts: (await ownersByPhones(ctx.db, ctx.tenantId, person.phones)).map((o) => ({
      phone: o.phone,
      name: o.name,
      createdAt: o.createdAt.toISOString(),
      lastSignInAt: o.lastSignInAt?.toISOString() ?? null,
    })),
  }),
  erase: (ctx, _id, person) => deleteOwnerAccounts(ctx.db, ctx.tenantId, person.ownerIds, person.phones),
});
