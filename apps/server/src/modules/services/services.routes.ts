import type { FastifyPluginAsync } from 'fastify';
import { serviceRequestBodyLimit, serviceRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { uploadedImageHeaders } from '../../platform/images.ts';
import * as handling from './handling.service.ts';
import * as requests from './requests.service.ts';
import * as settings from './settings.service.ts';

/** 车业务 (docs/services.md): the catalogue and its switches, the staff's queue, the owner's requests. */
export const servicesRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.catalogue, () => Promise.resolve(settings.serviceCatalogue()));
  serve(app, r.storeServices, (ctx, req) => settings.storeServices(ctx, req.params.id));
  serve(app, r.setStoreService, (ctx, req) => settings.setStoreService(ctx, req.params.id, req.body));

  serve(app, r.requests, (ctx, req) => handling.staffRequests(ctx, req.query));
  serve(app, r.request, (ctx, req) => handling.staffRequest(ctx, req.params.id));
  serve(app, r.photo, async (ctx, req, reply) => {
    const photo = await handling.requestPhoto(ctx, req.params.id);
    void reply.headers(uploadedImageHeaders(photo.type, `request-${req.params.id}`));
    return photo.bytes;
  });
  serve(app, r.advance, (ctx, req) => handling.advance(ctx, req.params.id, req.body));
  serve(app, r.cancel, (ctx, req) => handling.cancel(ctx, req.params.id, req.body.reason));

  serve(app, r.ownerServices, (ctx) => requests.ownerServices(ctx));
  serve(app, r.ownerRequests, (ctx) => requests.ownerRequests(ctx));
  serve(app, r.ownerRequest, (ctx, req) => requests.ownerRequest(ctx, req.params.id));
  serve(app, r.ownerCreate, (ctx, req) => requests.createRequest(ctx, req.body), {
    bodyLimit: serviceRequestBodyLimit,
  });
  serve(app, r.ownerCancel, (ctx, req) => requests.ownerCancel(ctx, req.params.id));
};
