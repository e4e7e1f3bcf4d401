import { defineRoutes } from '../api/route.ts';
import {
  businessHours,
  calendarDayParams,
  calendarOverrideInput,
  calendarYearQuery,
  tenantCalendar,
} from '../calendar.ts';

const tags = ['calendar'];

/** The tenant's working calendar (admin console › 工作日历). */
export const calendarRoutes = defineRoutes({
  get: {
    method: 'GET',
    path: '/tenant/calendar',
    auth: 'staff',
    permission: 'tenant.settings',
    query: calendarYearQuery,
    response: tenantCalendar,
    tags,
    summary: "A year of the tenant's calendar: national holidays, adjusted working days, its own days, hours",
  },
  setDay: {
    method: 'PUT',
    path: '/tenant/calendar/days',
    auth: 'staff',
    permission: 'tenant.settings',
    body: calendarOverrideInput,
    response: tenantCalendar,
    tags,
    summary: 'Close or open one day for the tenant (overrides the national data); answers the year',
  },
  removeDay: {
    method: 'DELETE',
    path: '/tenant/calendar/days/:day',
    auth: 'staff',
    permission: 'tenant.settings',
    params: calendarDayParams,
    response: tenantCalendar,
    tags,
    summary: "Remove the tenant's override of one day (the national data applies again); answers the year",
  },
  setHours: {
    method: 'PUT',
    path: '/tenant/calendar/hours',
    auth: 'staff',
    permission: 'tenant.settings',
    body: businessHours,
    response: businessHours,
    tags,
    summary: 'The business hours deadlines count on (08:30–17:30 by default)',
  },
});
