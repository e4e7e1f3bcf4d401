import {
  callCreateInput,
  callDetail,
  callOutcomeInput,
  callPolicy,
  callQueue,
  callQueueQuery,
  callReassigned,
  callReassignInput,
} from '../calls.ts';
import { idParams } from '../common.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['calls'];

/**
 * The follow-up call centre (docs/calls.md): the queues (care.tasks; the store's whole queue and every
 * agent's load with calls.supervise), a call with its attempts, an attempt's outcome, calls made by hand,
 * reassignment, and the tenant's tunings (care.manage).
 */
export const callRoutes = defineRoutes({
  queue: {
    method: 'GET',
    path: '/calls',
    auth: 'staff',
    permission: 'care.tasks',
    query: callQueueQuery,
    response: callQueue,
    tags,
  },
  create: {
    method: 'POST',
    path: '/calls',
    auth: 'staff',
    permission: 'care.tasks',
    body: callCreateInput,
    response: callDetail,
    status: 201,
    tags,
  },
  get: {
    method: 'GET',
    path: '/calls/:id',
    auth: 'staff',
    permission: 'care.tasks',
    params: idParams,
    response: callDetail,
    tags,
  },
  /** 409 when the call is closed (naming its state) or another agent recorded an outcome meanwhile. */
  outcome: {
    method: 'POST',
    path: '/calls/:id/outcome',
    auth: 'staff',
    permission: 'care.tasks',
    params: idParams,
    body: callOutcomeInput,
    response: callDetail,
    tags,
  },
  reassign: {
    method: 'POST',
    path: '/calls/reassign',
    auth: 'staff',
    permission: 'calls.supervise',
    body: callReassignInput,
    response: callReassigned,
    tags,
  },
  policy: {
    method: 'GET',
    path: '/calls/policy',
    auth: 'staff',
    permission: 'care.tasks',
    response: callPolicy,
    tags,
  },
  savePolicy: {
    method: 'PUT',
    path: '/calls/policy',
    auth: 'staff',
    permission: 'care.manage',
    body: callPolicy,
    response: callPolicy,
    tags,
  },
});
