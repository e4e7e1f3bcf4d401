import { definePersonalData } from '../../platform/personal-data.ts';
import * as q from './services.queries.ts';

/**
 * What 车业务 holds about a person: their requests (the form's answers, the rescue position given with consent,
 * the photo). Export lists them; erasure keeps each case (its service, store, steps and times) and removes what
 * the person said and where they were, and lets go of their app account (before auth deletes it).
 */
export const servicesPersonalData = definePersonalData({
  module: 'services',
  tables: [{ table: 'service_requests', column: 'customer_id', merge: 'move', erase: 'blank' }],
  export: async (ctx, customerId, person) => ({
    serviceRequests: (await q.requestsOfPerson(ctx.db, ctx.tenantId, customerId, person.ownerIds)).map((r) => ({
      service: r.serviceId,
      status: r.status,
      answers: r.answers,
      location:
        r.locationLat !== null
          ? { lat: r.locationLat, lng: r.locationLng, consentAt: r.locationConsentAt?.toISOString() ?? null }
          : null,
      photo: r.photo !== null,
      createdAt: r.createdAt.toISOString(),
    })),
  }),
  erase: async (ctx, customerId, person) => {
    const rows = await q.requestsOfPerson(ctx.db, ctx.tenantId, customerId, person.ownerIds);
    await q.blankRequests(
      ctx.db,
      ctx.tenantId,
      rows.map((r) => r.id),
    );
  },
});
