import {
  contactPreferences,
  customer,
  customerInput,
  customerMergeBody,
  customerSearchQuery,
  customerSearchResult,
} from '../customers.ts';
import { idParams } from '../common.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['customers'];

export const customerRoutes = defineRoutes({
  search: {
    method: 'GET',
    path: '/customers',
    auth: 'staff',
    permission: 'customer.read',
    query: customerSearchQuery,
    response: customerSearchResult,
    tags,
  },
  create: {
    method: 'POST',
    path: '/customers',
    auth: 'staff',
    permission: 'customer.write',
    body: customerInput,
    response: customer,
    status: 201,
    tags,
  },
  get: {
    method: 'GET',
    path: '/customers/:id',
    auth: 'staff',
    permission: 'customer.read',
    params: idParams,
    response: customer,
    tags,
  },
  update: {
    method: 'PUT',
    path: '/customers/:id',
    auth: 'staff',
    permission: 'customer.write',
    params: idParams,
    body: customerInput,
    response: customer,
    tags,
  },
  setContactPreferences: {
    method: 'PUT',
    path: '/customers/:id/contact-preferences',
    auth: 'staff',
    permission: 'customer.write',
    params: idParams,
    body: contactPreferences,
    response: customer,
    tags,
  },
  merge: {
    method: 'POST',
    path: '/customers/:id/merge',
    auth: 'staff',
    permission: 'customer.import',
    params: idParams,
    body: customerMergeBody,
    response: customer,
    tags,
  },
});
