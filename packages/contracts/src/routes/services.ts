import { idParams, listOf, okResponse } from '../common.ts';
import { defineRoutes } from '../api/route.ts';
import {
  advanceInput,
  cancelRequestInput,
  ownerServiceRequest,
  ownerServices,
  serviceCatalogue,
  serviceRequestInput,
  staffRequestQuery,
  staffRequestSummary,
  staffServiceRequest,
  storeServiceInput,
  storeServices,
} from '../services.ts';
import { visitPhotoMaxChars } from '../visits.ts';

const tags = ['services'];
const ownerTags = ['owner'];

/** The photo travels in the JSON body: the app-wide limit is raised for the one route that takes it. */
export const serviceRequestBodyLimit = visitPhotoMaxChars + 64 * 1024;

/** 车业务 (docs/services.md): the catalogue, switching on per store, the cases and the owner's requests. */
export const serviceRoutes = defineRoutes({
  catalogue: {
    method: 'GET',
    path: '/services/catalogue',
    auth: 'staff',
    permission: 'services.manage',
    response: serviceCatalogue,
    tags,
  },
  storeServices: {
    method: 'GET',
    path: '/stores/:id/services',
    auth: 'staff',
    permission: 'services.manage',
    params: idParams,
    response: storeServices,
    tags,
  },
  /** Switches one service on or off for a store, with its settings (audited). */
  setStoreService: {
    method: 'PUT',
    path: '/stores/:id/services',
    auth: 'staff',
    permission: 'services.manage',
    params: idParams,
    body: storeServiceInput,
    response: storeServices,
    tags,
  },
  requests: {
    method: 'GET',
    path: '/service-requests',
    auth: 'staff',
    permission: 'services.work',
    query: staffRequestQuery,
    response: listOf(staffRequestSummary),
    tags,
  },
  request: {
    method: 'GET',
    path: '/service-requests/:id',
    auth: 'staff',
    permission: 'services.work',
    params: idParams,
    response: staffServiceRequest,
    tags,
  },
  photo: {
    method: 'GET',
    path: '/service-requests/:id/photo',
    auth: 'staff',
    permission: 'services.work',
    params: idParams,
    response: 'file',
    tags,
  },
  /** The next step (only the next one), with what the step asks for (driver and ETA on 已派车). */
  advance: {
    method: 'POST',
    path: '/service-requests/:id/advance',
    auth: 'staff',
    permission: 'services.work',
    params: idParams,
    body: advanceInput,
    response: staffServiceRequest,
    tags,
  },
  cancel: {
    method: 'POST',
    path: '/service-requests/:id/cancel',
    auth: 'staff',
    permission: 'services.work',
    params: idParams,
    body: cancelRequestInput,
    response: staffServiceRequest,
    tags,
  },

  ownerServices: { method: 'GET', path: '/owner/services', auth: 'owner', response: ownerServices, tags: ownerTags },
  ownerRequests: {
    method: 'GET',
    path: '/owner/service-requests',
    auth: 'owner',
    response: listOf(ownerServiceRequest),
    tags: ownerTags,
  },
  ownerRequest: {
    method: 'GET',
    path: '/owner/service-requests/:id',
    auth: 'owner',
    params: idParams,
    response: ownerServiceRequest,
    tags: ownerTags,
  },
  ownerCreate: {
    method: 'POST',
    path: '/owner/service-requests',
    auth: 'owner',
    body: serviceRequestInput,
    response: ownerServiceRequest,
    status: 201,
    tags: ownerTags,
  },
  /** The owner withdraws a request nobody has acted on yet. */
  ownerCancel: {
    method: 'POST',
    path: '/owner/service-requests/:id/cancel',
    auth: 'owner',
    params: idParams,
    response: okResponse,
    tags: ownerTags,
  },
});
