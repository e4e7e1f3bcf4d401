import type { FastifyPluginAsync } from 'fastify';
import { bookingRoutes as r } from '@m4s/contracts';
import { cookieNames } from '../../platform/auth/sessions.ts';
import { serve } from '../../platform/http/serve.ts';
import { availability as freeSlots } from './availability.service.ts';
import { ownerHoldBack } from '../loyalty/loyalty.service.ts';
import * as owner from './owner.service.ts';
import { bookingSetupRoutes } from './setup.routes.ts';
import * as staff from './staff.service.ts';

/** Booking: availability, the owner app's bookings, the store's bookings; setup in setup.routes.ts. */
export const bookingRoutes: FastifyPluginAsync = async (app) => {
  await app.register(bookingSetupRoutes);

  /**
   * Owners and staff share this path (auth `custom`). A browser may hold both cookies (one person trying
   * both apps): then it answers as staff unless the app channel is asked for.
   */
  serve(app, r.availability, async (req) => {
    const { channel, ...q } = req.query;
    const asOwner = Boolean(req.cookies[cookieNames.owner]) && (!req.cookies[cookieNames.staff] || channel === 'app');
    if (asOwner)
      return app.ctx.owner(req, async (ctx) =>
        freeSlots(ctx, { ...q, storeId: req.params.id, channel: 'app', holdBack: await ownerHoldBack(ctx) }),
      );
    return app.ctx.staff(req, r.availability.permission, (ctx) =>
      freeSlots(ctx, { ...q, storeId: req.params.id, channel: channel ?? 'staff' }),
    );
  });

  // ── Owner app ──
  serve(app, r.ownerAvailability, async (ctx, req) => {
    const { channel: _ignored, ...q } = req.query;
    return freeSlots(ctx, { ...q, storeId: req.params.id, channel: 'app', holdBack: await ownerHoldBack(ctx) });
  });
  serve(app, r.ownerStores, async (ctx) => ({ items: await owner.ownerStores(ctx) }));
  serve(app, r.ownerServiceTypes, async (ctx, req) => ({
    items: await owner.ownerServiceTypes(ctx, req.query.storeId),
  }));
  serve(app, r.ownerList, async (ctx) => ({ items: await owner.ownerBookings(ctx) }));
  serve(app, r.ownerCreate, async (ctx, req, reply) => {
    const result = await owner.createOwnerBooking(ctx, req.body, req.headers['idempotency-key']);
    void reply.status(result.created ? 201 : 200);
    return result.booking;
  });
  serve(app, r.ownerGet, (ctx, req) => owner.ownerBooking(ctx, req.params.id));
  serve(app, r.ownerCancel, (ctx, req) => owner.cancelOwnerBooking(ctx, req.params.id, req.body.reason));
  serve(app, r.ownerReschedule, (ctx, req) => owner.rescheduleOwnerBooking(ctx, req.params.id, req.body));
  serve(app, r.ownerClashes, (ctx, req) => owner.ownerClashes(ctx, req.params.id, req.query.except));
  serve(app, r.ownerCalendar, async (ctx, req, reply) => {
    const file = await owner.ownerBookingCalendar(ctx, req.params.id, req.hostname.split(':')[0] || 'm4s');
    void reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.filename}"`);
    return file.ics;
  });

  // ── Staff ──
  serve(app, r.clashes, (ctx, req) => staff.staffClashes(ctx, req.params.id, req.query.except));
  serve(app, r.list, async (ctx, req) => ({ items: await staff.listBookings(ctx, req.query) }));
  serve(app, r.create, async (ctx, req, reply) => {
    const result = await staff.createStaffBooking(ctx, req.body, req.headers['idempotency-key']);
    void reply.status(result.created ? 201 : 200);
    return result.booking;
  });
  serve(app, r.cancel, (ctx, req) => staff.cancelStaffBooking(ctx, req.params.id, req.body.reason));
  serve(app, r.reschedule, (ctx, req) => staff.rescheduleStaffBooking(ctx, req.params.id, req.body));
  serve(app, r.noShow, (ctx, req) => staff.markNoShow(ctx, req.params.id));
};
