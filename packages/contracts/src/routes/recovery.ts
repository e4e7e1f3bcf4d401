import { idParams } from '../common.ts';
import {
  recoveryAlertDetail,
  recoveryAlert,
  recoveryClose,
  recoveryFollowUpInput,
  recoveryList,
  recoveryListQuery,
  recoveryOnTime,
  recoveryOnTimeQuery,
  recoveryPolicy,
} from '../recovery.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['recovery'];

/** Service recovery: hot alerts, their close, the on-time rate, the tenant's follow-up delay (docs/recovery.md). */
export const recoveryRoutes = defineRoutes({
  /** My open alerts (assigned or escalated to me), or the store's for a manager; open first, by due time. */
  list: {
    method: 'GET',
    path: '/recovery/alerts',
    auth: 'staff',
    permission: 'recovery.work',
    query: recoveryListQuery,
    response: recoveryList,
    tags,
  },
  /** An alert with every answer of the response that opened it. */
  get: {
    method: 'GET',
    path: '/recovery/alerts/:id',
    auth: 'staff',
    permission: 'recovery.work',
    params: idParams,
    response: recoveryAlertDetail,
    tags,
  },
  /** Closes it with what was done and the customer's reaction (both required); schedules the follow-up. */
  close: {
    method: 'POST',
    path: '/recovery/alerts/:id/close',
    auth: 'staff',
    permission: 'recovery.work',
    params: idParams,
    body: recoveryClose,
    response: recoveryAlertDetail,
    tags,
  },
  /** The follow-up call's answer (was it resolved?): completes the call and is kept on the alert. */
  followUp: {
    method: 'POST',
    path: '/recovery/follow-ups/:id',
    auth: 'staff',
    permission: 'care.tasks',
    params: idParams,
    body: recoveryFollowUpInput,
    response: recoveryAlert,
    tags,
  },
  /** Recovery on time per store and advisor (the KPI page reads it). */
  onTime: {
    method: 'GET',
    path: '/recovery/on-time',
    auth: 'staff',
    permission: 'recovery.supervise',
    query: recoveryOnTimeQuery,
    response: recoveryOnTime,
    tags,
  },
  policy: {
    method: 'GET',
    path: '/recovery/policy',
    auth: 'staff',
    permission: 'recovery.work',
    response: recoveryPolicy,
    tags,
  },
  savePolicy: {
    method: 'PUT',
    path: '/recovery/policy',
    auth: 'staff',
    permission: 'care.manage',
    body: recoveryPolicy,
    response: recoveryPolicy,
    tags,
  },
});
