import {
  bindingDecision,
  bindingIdParams,
  bindingListQuery,
  bindingRequest,
  ownerBinding,
  ownerGarage,
  ownerVehicleHistory,
  staffBinding,
  staffBindingList,
  vehicleIdParams,
} from '../bindings.ts';
import { idParams, okResponse } from '../common.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['owner-vehicles'];
const staffTags = ['vehicle-bindings'];

/** 我的车辆 / 维修档案 for the owner app, and the store's review of binding requests. */
export const garageRoutes = defineRoutes({
  ownerGarage: { method: 'GET', path: '/owner/vehicles', auth: 'owner', response: ownerGarage, tags },
  /**
   * 201 for a new request, 200 when the same car was already asked for (or is bound). The owner's transaction
   * is opened by the handler (auth `custom`): a miss is committed (it counts towards the hourly cap) before
   * it is answered as an error.
   */
  bind: {
    method: 'POST',
    path: '/owner/vehicles/bind',
    auth: 'custom',
    body: bindingRequest,
    response: ownerBinding,
    status: [201, 200],
    tags,
  },
  unbind: {
    method: 'DELETE',
    path: '/owner/vehicles/:bindingId',
    auth: 'owner',
    params: bindingIdParams,
    response: okResponse,
    tags,
  },
  vehicleHistory: {
    method: 'GET',
    path: '/owner/vehicles/:vehicleId/history',
    auth: 'owner',
    params: vehicleIdParams,
    response: ownerVehicleHistory,
    tags,
  },
  bindings: {
    method: 'GET',
    path: '/vehicle-bindings',
    auth: 'staff',
    permission: 'customer.write',
    query: bindingListQuery,
    response: staffBindingList,
    tags: staffTags,
  },
  decideBinding: {
    method: 'POST',
    path: '/vehicle-bindings/:id/decision',
    auth: 'staff',
    permission: 'customer.write',
    params: idParams,
    body: bindingDecision,
    response: staffBinding,
    tags: staffTags,
  },
});
