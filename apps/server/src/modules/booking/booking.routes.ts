import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  availability,
  availabilityQuery,
  booking,
  bookingCancelInput,
  bookingList,
  bookingListQuery,
  bookingRescheduleInput,
  bookingRowList,
  idParams,
  ownerBookingInput,
  ownerStoreList,
  serviceTypeList,
  serviceTypeQuery,
  staffBookingInput,
} from '@m4s/contracts';
import { cookieNames } from '../../platform/auth/sessions.ts';
import { availability as freeSlots } from './availability.service.ts';
import { bookingIcs } from './calendar.ts';
import * as owner from './owner.service.ts';
import { bookingSetupRoutes } from './setup.routes.ts';
import * as staff from './staff.service.ts';

/** The app sends one per confirm screen (a UUID); a retry with it answers the first booking. */
const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{8,100}$/, { message: 'idempotency_key' })
    .optional(),
});

/** Booking: availability, the owner app's bookings, the store's bookings; setup in setup.routes.ts. */
export const bookingRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(bookingSetupRoutes);
  const tags = ['booking'];

  /**
   * Owners and staff share this path. A browser may hold both cookies (one person trying both apps):
   * then it answers as staff unless the app channel is asked for.
   */
  app.get(
    '/stores/:id/availability',
    { schema: { tags, params: idParams, querystring: availabilityQuery, response: { 200: availability } } },
    async (req) => {
      const { channel, ...q } = req.query;
      const asOwner = Boolean(req.cookies[cookieNames.owner]) && (!req.cookies[cookieNames.staff] || channel === 'app');
      if (asOwner) return app.ctx.owner(req, (ctx) => freeSlots(ctx, { ...q, storeId: req.params.id, channel: 'app' }));
      return app.ctx.staff(req, 'visit.read', (ctx) =>
        freeSlots(ctx, { ...q, storeId: req.params.id, channel: channel ?? 'staff' }),
      );
    },
  );

  // ── Owner app ──
  const ownerTags = ['owner-booking'];
  app.get(
    '/owner/stores/:id/availability',
    { schema: { tags: ownerTags, params: idParams, querystring: availabilityQuery, response: { 200: availability } } },
    async (req) => {
      const { channel: _ignored, ...q } = req.query;
      return app.ctx.owner(req, (ctx) => freeSlots(ctx, { ...q, storeId: req.params.id, channel: 'app' }));
    },
  );
  app.get('/owner/stores', { schema: { tags: ownerTags, response: { 200: ownerStoreList } } }, async (req) =>
    app.ctx.owner(req, async (ctx) => ({ items: await owner.ownerStores(ctx) })),
  );
  app.get(
    '/owner/service-types',
    { schema: { tags: ownerTags, querystring: serviceTypeQuery, response: { 200: serviceTypeList } } },
    async (req) =>
      app.ctx.owner(req, async (ctx) => ({ items: await owner.ownerServiceTypes(ctx, req.query.storeId) })),
  );
  app.get('/owner/bookings', { schema: { tags: ownerTags, response: { 200: bookingList } } }, async (req) =>
    app.ctx.owner(req, async (ctx) => ({ items: await owner.ownerBookings(ctx) })),
  );
  app.post(
    '/owner/bookings',
    {
      schema: {
        tags: ownerTags,
        headers: idempotencyHeaders,
        body: ownerBookingInput,
        response: { 200: booking, 201: booking },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const result = await app.ctx.owner(req, (ctx) => owner.createOwnerBooking(ctx, req.body, key));
      return reply.status(result.created ? 201 : 200).send(result.booking);
    },
  );
  app.get(
    '/owner/bookings/:id',
    { schema: { tags: ownerTags, params: idParams, response: { 200: booking } } },
    async (req) => app.ctx.owner(req, (ctx) => owner.ownerBooking(ctx, req.params.id)),
  );
  app.post(
    '/owner/bookings/:id/cancel',
    { schema: { tags: ownerTags, params: idParams, body: bookingCancelInput, response: { 200: booking } } },
    async (req) => app.ctx.owner(req, (ctx) => owner.cancelOwnerBooking(ctx, req.params.id, req.body.reason)),
  );
  app.post(
    '/owner/bookings/:id/reschedule',
    { schema: { tags: ownerTags, params: idParams, body: bookingRescheduleInput, response: { 200: booking } } },
    async (req) => app.ctx.owner(req, (ctx) => owner.rescheduleOwnerBooking(ctx, req.params.id, req.body)),
  );
  app.get('/owner/bookings/:id/calendar.ics', { schema: { tags: ownerTags, params: idParams } }, async (req, reply) => {
    const { b, now } = await app.ctx.owner(req, async (ctx) => ({
      b: await owner.ownerBooking(ctx, req.params.id),
      now: ctx.clock.now(),
    }));
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="booking-${b.id.slice(0, 8)}.ics"`)
      .send(bookingIcs(b, now, req.hostname.split(':')[0] || 'm4s'));
  });

  // ── Staff ──
  app.get(
    '/bookings',
    { schema: { tags, querystring: bookingListQuery, response: { 200: bookingRowList } } },
    async (req) =>
      app.ctx.staff(req, 'visit.read', async (ctx) => ({ items: await staff.listBookings(ctx, req.query) })),
  );
  app.post(
    '/bookings',
    {
      schema: { tags, headers: idempotencyHeaders, body: staffBookingInput, response: { 200: booking, 201: booking } },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const result = await app.ctx.staff(req, 'visit.write', (ctx) => staff.createStaffBooking(ctx, req.body, key));
      return reply.status(result.created ? 201 : 200).send(result.booking);
    },
  );
  app.post(
    '/bookings/:id/cancel',
    { schema: { tags, params: idParams, body: bookingCancelInput, response: { 200: booking } } },
    async (req) =>
      app.ctx.staff(req, 'visit.write', (ctx) => staff.cancelStaffBooking(ctx, req.params.id, req.body.reason)),
  );
  app.post(
    '/bookings/:id/reschedule',
    { schema: { tags, params: idParams, body: bookingRescheduleInput, response: { 200: booking } } },
    async (req) =>
      app.ctx.staff(req, 'visit.write', (ctx) => staff.rescheduleStaffBooking(ctx, req.params.id, req.body)),
  );
  app.post('/bookings/:id/no-show', { schema: { tags, params: idParams, response: { 200: booking } } }, async (req) =>
    app.ctx.staff(req, 'visit.write', (ctx) => staff.markNoShow(ctx, req.params.id)),
  );
};
