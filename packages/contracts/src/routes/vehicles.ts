import { idParams } from '../common.ts';
import {
  mileageFixInput,
  mileageFlagParams,
  mileageInput,
  transferInput,
  vehicle,
  vehicleInput,
  vehicleList,
} from '../vehicles.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['vehicles'];

export const vehicleRoutes = defineRoutes({
  create: {
    method: 'POST',
    path: '/vehicles',
    auth: 'staff',
    permission: 'customer.write',
    body: vehicleInput,
    response: vehicle,
    status: 201,
    tags,
  },
  get: {
    method: 'GET',
    path: '/vehicles/:id',
    auth: 'staff',
    permission: 'customer.read',
    params: idParams,
    response: vehicle,
    tags,
  },
  update: {
    method: 'PUT',
    path: '/vehicles/:id',
    auth: 'staff',
    permission: 'customer.write',
    params: idParams,
    body: vehicleInput,
    response: vehicle,
    tags,
  },
  recordMileage: {
    method: 'POST',
    path: '/vehicles/:id/mileage',
    auth: 'staff',
    permission: 'customer.write',
    params: idParams,
    body: mileageInput,
    response: vehicle,
    tags,
  },
  /** Fixes a flagged odometer value (served by the segments module, which reclassifies the owner at once). */
  resolveFlaggedMileage: {
    method: 'POST',
    path: '/vehicles/:id/mileage/flagged/:flagId',
    auth: 'staff',
    permission: 'customer.write',
    params: mileageFlagParams,
    body: mileageFixInput,
    response: vehicle,
    tags,
    summary: 'Accept, correct or discard a flagged odometer value; audited; the car is reclassified',
  },
  transfer: {
    method: 'POST',
    path: '/vehicles/:id/transfer',
    auth: 'staff',
    permission: 'customer.write',
    params: idParams,
    body: transferInput,
    response: vehicle,
    tags,
  },
  /** A customer's cars (the id is the customer's). */
  ofCustomer: {
    method: 'GET',
    path: '/customers/:id/vehicles',
    auth: 'staff',
    permission: 'customer.read',
    params: idParams,
    response: vehicleList,
    tags,
  },
});
