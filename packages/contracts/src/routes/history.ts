import { z } from 'zod';
import { idParams, okResponse } from '../common.ts';
import {
  interaction,
  interactionInput,
  repairOrder,
  repairOrderInput,
  salesOrder,
  salesOrderInput,
} from '../history.ts';
import { customerOverview } from '../overview.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['customers'];

/** A customer's history and 360 view, and the PIPL access (export) and erasure requests. */
export const historyRoutes = defineRoutes({
  overview: {
    method: 'GET',
    path: '/customers/:id/overview',
    auth: 'staff',
    permission: 'customer.read',
    params: idParams,
    response: customerOverview,
    tags,
  },
  addInteraction: {
    method: 'POST',
    path: '/customers/:id/interactions',
    auth: 'staff',
    permission: 'customer.write',
    params: idParams,
    body: interactionInput,
    response: interaction,
    status: 201,
    tags,
  },
  recordSalesOrder: {
    method: 'POST',
    path: '/customers/:id/sales-orders',
    auth: 'staff',
    permission: 'customer.write',
    params: idParams,
    body: salesOrderInput,
    response: salesOrder,
    status: 201,
    tags,
  },
  recordRepairOrder: {
    method: 'POST',
    path: '/repair-orders',
    auth: 'staff',
    permission: 'customer.write',
    body: repairOrderInput,
    response: repairOrder,
    status: 201,
    tags: ['repair-orders'],
  },
  /** Everything held about the customer, as one JSON document (a PIPL access request; audited). */
  exportData: {
    method: 'GET',
    path: '/customers/:id/export',
    auth: 'staff',
    permission: 'customer.export',
    params: idParams,
    response: z.record(z.string(), z.unknown()),
    tags,
  },
  erase: {
    method: 'POST',
    path: '/customers/:id/erase',
    auth: 'staff',
    permission: 'customer.erase',
    params: idParams,
    body: z.strictObject({ reason: z.string().trim().min(2).max(500) }),
    response: okResponse,
    tags,
  },
});
