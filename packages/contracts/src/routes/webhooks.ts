import { idParams, listOf } from '../common.ts';
import { defineRoutes } from '../api/route.ts';
import {
  webhookDeliveriesQuery,
  webhookDelivery,
  webhookDeliveryDetail,
  webhookDeliveryParams,
  webhookEndpoint,
  webhookEndpointInput,
  webhookEndpointPatch,
  webhookEndpointWithSecret,
} from '../webhooks.ts';

const tags = ['webhooks'];
const permission = 'webhook.manage';

/** The tenant admin's webhook endpoints and their delivery log (docs/webhooks.md). */
export const webhookRoutes = defineRoutes({
  list: {
    method: 'GET',
    path: '/webhooks/endpoints',
    auth: 'staff',
    permission,
    response: listOf(webhookEndpoint),
    tags,
  },
  create: {
    method: 'POST',
    path: '/webhooks/endpoints',
    auth: 'staff',
    permission,
    body: webhookEndpointInput,
    response: webhookEndpointWithSecret,
    status: 201,
    tags,
    summary: 'Registers an endpoint; the answer is the only time its secret is shown',
  },
  update: {
    method: 'PATCH',
    path: '/webhooks/endpoints/:id',
    auth: 'staff',
    permission,
    params: idParams,
    body: webhookEndpointPatch,
    response: webhookEndpoint,
    tags,
  },
  remove: {
    method: 'DELETE',
    path: '/webhooks/endpoints/:id',
    auth: 'staff',
    permission,
    params: idParams,
    response: null,
    tags,
  },
  rotateSecret: {
    method: 'POST',
    path: '/webhooks/endpoints/:id/rotate-secret',
    auth: 'staff',
    permission,
    params: idParams,
    response: webhookEndpointWithSecret,
    tags,
    summary: 'A new secret, shown once; the previous one still signs deliveries for 24 hours',
  },
  deliveries: {
    method: 'GET',
    path: '/webhooks/endpoints/:id/deliveries',
    auth: 'staff',
    permission,
    params: idParams,
    query: webhookDeliveriesQuery,
    response: listOf(webhookDelivery),
    tags,
  },
  delivery: {
    method: 'GET',
    path: '/webhooks/endpoints/:id/deliveries/:deliveryId',
    auth: 'staff',
    permission,
    params: webhookDeliveryParams,
    response: webhookDeliveryDetail,
    tags,
  },
  replay: {
    method: 'POST',
    path: '/webhooks/endpoints/:id/deliveries/:deliveryId/replay',
    auth: 'staff',
    permission,
    params: webhookDeliveryParams,
    response: webhookDelivery,
    status: 202,
    tags,
    summary: 'Sends a logged delivery again (a new attempt, by hand)',
  },
});
