import { idParams, listOf } from '../common.ts';
import { defineRoutes } from '../api/route.ts';
import {
  monthlyReport,
  reportGenerateBody,
  reportListQuery,
  reportSubscription,
  reportSubscriptionBody,
} from '../reports.ts';

const tags = ['reports'];

/** 月度报告 (docs/reports.md): the monthly reports per store and group, their files, subscriptions. */
export const reportRoutes = defineRoutes({
  list: {
    method: 'GET',
    path: '/reports',
    auth: 'staff',
    permission: 'kpi.read',
    query: reportListQuery,
    response: listOf(monthlyReport),
    tags,
    summary: 'The monthly reports the person may see (the group’s for group roles, their store’s), newest first',
  },
  generate: {
    method: 'POST',
    path: '/reports',
    auth: 'staff',
    permission: 'kpi.manage',
    body: reportGenerateBody,
    response: listOf(monthlyReport),
    tags,
    summary: 'Generate (or regenerate) a past month’s reports now; audited',
  },
  xlsx: {
    method: 'GET',
    path: '/reports/:id/xlsx',
    auth: 'custom',
    permission: 'kpi.read',
    params: idParams,
    response: 'file',
    tags,
  },
  pdf: {
    method: 'GET',
    path: '/reports/:id/pdf',
    auth: 'custom',
    permission: 'kpi.read',
    params: idParams,
    response: 'file',
    tags,
  },
  subscriptions: {
    method: 'GET',
    path: '/reports/subscriptions',
    auth: 'staff',
    permission: 'kpi.read',
    response: listOf(reportSubscription),
    tags,
    summary: 'The signed-in manager’s own subscriptions',
  },
  subscribe: {
    method: 'PUT',
    path: '/reports/subscriptions',
    auth: 'staff',
    permission: 'kpi.read',
    body: reportSubscriptionBody,
    response: listOf(reportSubscription),
    tags,
    summary: 'Subscribe to the group’s or a store’s report in a format, to an e-mail address',
  },
  unsubscribe: {
    method: 'DELETE',
    path: '/reports/subscriptions/:id',
    auth: 'staff',
    permission: 'kpi.read',
    params: idParams,
    response: listOf(reportSubscription),
    tags,
  },
});
