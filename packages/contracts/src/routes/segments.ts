import { idParams } from '../common.ts';
import {
  segmentCustomerClasses,
  segmentCustomerPage,
  segmentCustomersQuery,
  segmentExportQuery,
  segmentOverview,
  segmentRecomputeResult,
  segmentRules,
} from '../segments.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['segments'];

export const segmentRoutes = defineRoutes({
  overview: {
    method: 'GET',
    path: '/segments/overview',
    auth: 'staff',
    permission: 'segment.read',
    response: segmentOverview,
    tags,
  },
  customers: {
    method: 'GET',
    path: '/segments/customers',
    auth: 'staff',
    permission: 'segment.read',
    query: segmentCustomersQuery,
    response: segmentCustomerPage,
    tags,
  },
  /** One class's customers as the customer export's sheet (streamed: the handler opens short transactions). */
  exportCustomers: {
    method: 'GET',
    path: '/segments/customers/export',
    auth: 'custom',
    permission: 'segment.read',
    query: segmentExportQuery,
    response: 'file',
    tags,
  },
  /** One customer's classes and why (the customer page). */
  customerClasses: {
    method: 'GET',
    path: '/segments/customers/:id',
    auth: 'staff',
    permission: 'segment.read',
    params: idParams,
    response: segmentCustomerClasses,
    tags,
  },
  rules: {
    method: 'GET',
    path: '/segments/rules',
    auth: 'staff',
    permission: 'segment.read',
    response: segmentRules,
    tags,
  },
  updateRules: {
    method: 'PUT',
    path: '/segments/rules',
    auth: 'staff',
    permission: 'care.manage',
    body: segmentRules,
    response: segmentRules,
    tags,
  },
  recompute: {
    method: 'POST',
    path: '/segments/recompute',
    auth: 'staff',
    permission: 'care.manage',
    response: segmentRecomputeResult,
    status: 202,
    tags,
  },
});
