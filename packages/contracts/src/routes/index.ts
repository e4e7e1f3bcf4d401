import { auditRoutes } from './audit.ts';
import { authRoutes } from './auth.ts';
import { bookingRoutes } from './booking.ts';
import { calendarRoutes } from './calendar.ts';
import { callRoutes } from './calls.ts';
import { careRoutes } from './care.ts';
import { catalogueRoutes } from './catalogue.ts';
import { complaintRoutes } from './complaints.ts';
import { complaintReportRoutes } from './complaint-reports.ts';
import { contactRoutes } from './contact.ts';
import { customerRoutes } from './customers.ts';
import { garageRoutes } from './garage.ts';
import { healthRoutes } from './health.ts';
import { historyRoutes } from './history.ts';
import { importRoutes } from './imports.ts';
import { importSourceRoutes } from './import-sources.ts';
import { importUnlistedRoutes } from './import-unlisted.ts';
import { inboxRoutes } from './inbox.ts';
import { segmentRoutes } from './segments.ts';
import { staffRoutes } from './staff.ts';
import { storeRoutes } from './stores.ts';
import { tenantRoutes } from './tenants.ts';
import { vehicleRoutes } from './vehicles.ts';
import { visitRoutes } from './visits.ts';
import { webhookRoutes } from './webhooks.ts';
import { operatorRoutes } from './operator.ts';
import { intervalRoutes } from './intervals.ts';
import { telematicsRoutes } from './telematics.ts';
import { loyaltyRoutes } from './loyalty.ts';
import { surveyRoutes } from './surveys.ts';
import { contentRoutes } from './content.ts';
import { referralRoutes } from './referrals.ts';
import { eventRoutes } from './events.ts';
import { indexRoutes } from './indices.ts';
import { recoveryRoutes } from './recovery.ts';
import { campaignRoutes } from './campaigns.ts';
import { chatRoutes } from './chat.ts';
import { serviceRoutes } from './services.ts';
import { kpiRoutes } from './kpis.ts';
import { cockpitRoutes } from './cockpit.ts';
import { reportRoutes } from './reports.ts';

/**
 * Every endpoint's description, by module. Apps import a module's group (tree-shaken per app); the server
 * registers each with `serve()`; the cross-tenant suite walks them all.
 */
export const routes = {
  health: healthRoutes,
  auth: authRoutes,
  tenants: tenantRoutes,
  calendar: calendarRoutes,
  stores: storeRoutes,
  staff: staffRoutes,
  audit: auditRoutes,
  catalogue: catalogueRoutes,
  customers: customerRoutes,
  vehicles: vehicleRoutes,
  history: historyRoutes,
  imports: importRoutes,
  importSources: importSourceRoutes,
  importUnlisted: importUnlistedRoutes,
  garage: garageRoutes,
  intervals: intervalRoutes,
  booking: bookingRoutes,
  visits: visitRoutes,
  inbox: inboxRoutes,
  segments: segmentRoutes,
  care: careRoutes,
  calls: callRoutes,
  contact: contactRoutes,
  complaints: complaintRoutes,
  complaintReports: complaintReportRoutes,
  webhooks: webhookRoutes,
  telematics: telematicsRoutes,
  loyalty: loyaltyRoutes,
  surveys: surveyRoutes,
  content: contentRoutes,
  referrals: referralRoutes,
  events: eventRoutes,
  indices: indexRoutes,
  recovery: recoveryRoutes,
  campaigns: campaignRoutes,
  chat: chatRoutes,
  services: serviceRoutes,
  kpis: kpiRoutes,
  cockpit: cockpitRoutes,
  reports: reportRoutes,
  operator: operatorRoutes,
} as const;

export {
  auditRoutes,
  cockpitRoutes,
  indexRoutes,
  callRoutes,
  authRoutes,
  calendarRoutes,
  catalogueRoutes,
  complaintRoutes,
  complaintReportRoutes,
  customerRoutes,
  garageRoutes,
  healthRoutes,
  historyRoutes,
  importRoutes,
  importSourceRoutes,
  importUnlistedRoutes,
  intervalRoutes,
  operatorRoutes,
  segmentRoutes,
  staffRoutes,
  storeRoutes,
  tenantRoutes,
  vehicleRoutes,
  webhookRoutes,
  telematicsRoutes,
  loyaltyRoutes,
  surveyRoutes,
  contentRoutes,
  referralRoutes,
  eventRoutes,
  recoveryRoutes,
  campaignRoutes,
  chatRoutes,
  serviceRoutes,
  kpiRoutes,
  reportRoutes,
};
export { bookingRoutes, idempotencyHeaders } from './booking.ts';
export { visitRoutes } from './visits.ts';
export { inboxRoutes } from './inbox.ts';
export { contactRoutes } from './contact.ts';
export { careRoutes } from './care.ts';
export { serviceRequestBodyLimit } from './services.ts';
