import { defineRoutes } from '../api/route.ts';
import { serviceIntervalInput, serviceIntervalList, serviceIntervalParams } from '../intervals.ts';

const tags = ['service-intervals'];

/** 保养间隔 (admin console › 售后服务): the tenant's maintenance intervals per brand and series. */
export const intervalRoutes = defineRoutes({
  list: {
    method: 'GET',
    path: '/service-intervals',
    auth: 'staff',
    permission: 'service.setup',
    response: serviceIntervalList,
    tags,
    summary: "The tenant's maintenance intervals per brand and series, and the platform's defaults",
  },
  save: {
    method: 'PUT',
    path: '/service-intervals',
    auth: 'staff',
    permission: 'service.setup',
    body: serviceIntervalInput,
    response: serviceIntervalList,
    tags,
    summary: "Sets a brand's (or one series') first and later intervals; every forecast follows on the next pass",
  },
  remove: {
    method: 'DELETE',
    path: '/service-intervals/:id',
    auth: 'staff',
    permission: 'service.setup',
    params: serviceIntervalParams,
    response: serviceIntervalList,
    tags,
    summary: "Removes a row: the brand's (or the platform's) intervals apply again",
  },
});
