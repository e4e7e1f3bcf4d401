// The cross-tenant suite's table (cross-tenant.test.ts walks every route of the contracts): how to name tenant
// B's row for the routes that need it, and the query each list route is read with.
import type { Rows } from './fuzz/world.ts';
import { storeInput } from './harness.ts';

/** Tenant B as the cases see it: its test rows, and an owner-app account confirmed for its car. */
export type TenantB = Rows;
/** `as: 'owner'`: an owner-app route, called by an owner signed in to tenant A instead of A's admin. */
export type Case = { id: (b: TenantB) => string; body?: (b: TenantB) => object; as?: 'owner' };

/**
 * How to name tenant B's row (and a body the route accepts) for the routes that need it. The walk itself comes
 * from the route contracts: a route with a path parameter that is not listed here is attacked with every id
 * of tenant B's rows in turn, and a body generated from its own schema; if that request is not one the route
 * can answer 404 to (its body needs more than the schema says), the suite fails and names the route: add a
 * line here.
 */
export const cases: Record<string, Case> = {
  // 咨询 (docs/chat.md): an answer needs a text to be one the route would take.
  'POST /api/chat/conversations/:id/messages': { id: (b) => b.customerId, body: () => ({ text: '越界' }) },
  'GET /api/stores/:id': { id: (b) => b.storeId },
  'PUT /api/stores/:id': { id: (b) => b.storeId, body: () => storeInput('ZZ-1') },
  'GET /api/staff/:id': { id: (b) => b.staffIds.group_admin ?? '' },
  'PATCH /api/staff/:id': { id: (b) => b.staffIds.service_advisor ?? '', body: () => ({ name: '改名' }) },
  'POST /api/staff/:id/unlock': { id: (b) => b.staffIds.service_advisor ?? '' },
  'POST /api/staff/:id/password-reset': { id: (b) => b.staffIds.service_advisor ?? '' },
  'GET /api/public/tenants/:slug': { id: () => 'no-such-tenant-zz' },
  'GET /api/customers/:id': { id: (b) => b.customerId },
  'GET /api/customers/:id/vehicles': { id: (b) => b.customerId },
  'GET /api/customers/:id/overview': { id: (b) => b.customerId },
  'GET /api/customers/:id/export': { id: (b) => b.customerId },
  'GET /api/segments/customers/:id': { id: (b) => b.customerId },
  'POST /api/customers/:id/merge': { id: (b) => b.customerId, body: (b) => ({ fromId: b.customerId }) },
  'POST /api/customers/:id/erase': { id: (b) => b.customerId, body: () => ({ reason: '越界测试' }) },
  'POST /api/customers/:id/interactions': {
    id: (b) => b.customerId,
    body: () => ({ channel: 'phone', summary: '越界' }),
  },
  'POST /api/customers/:id/sales-orders': {
    id: (b) => b.customerId,
    body: () => ({ orderDate: '2025-01-01', priceFen: 1 }),
  },
  'GET /api/vehicles/:id': { id: (b) => b.vehicleId },
  'PUT /api/vehicles/:id': { id: (b) => b.vehicleId, body: () => ({ vin: '1HGCM82633A004352' }) },
  'POST /api/vehicles/:id/mileage': { id: (b) => b.vehicleId, body: () => ({ km: 10, source: 'owner' }) },
  'POST /api/vehicles/:id/mileage/flagged/:flagId': {
    id: (b) => b.vehicleId,
    body: () => ({ kind: 'reading', action: 'discard' }),
  },
  // 保养间隔 (issue 11): an id of B that is no interval of A's.
  'DELETE /api/service-intervals/:id': { id: (b) => b.customerId },
  'POST /api/vehicles/:id/transfer': {
    id: (b) => b.vehicleId,
    body: (b) => ({ customerId: b.customerId, date: '2025-01-01' }),
  },
  'PUT /api/customers/:id': {
    id: (b) => b.customerId,
    body: () => ({ name: '越界', phones: ['13100000000'], source: 'walk_in' }),
  },
  'PUT /api/customers/:id/contact-preferences': {
    id: (b) => b.customerId,
    body: () => ({ channels: [], quietStart: null, quietEnd: null, topicsOptedOut: [], marketingOptOut: true }),
  },
  // The vehicle catalogue is global reference data, not tenant data: an unknown id is the case to cover.
  'GET /api/catalogue/brands/:brandId/series': { id: () => 'no-such-brand-zz' },
  'GET /api/catalogue/series/:seriesId/models': { id: () => 'no-such-series-zz' },
  'POST /api/vehicle-bindings/:id/decision': {
    id: (b) => b.bindingId,
    body: () => ({ decision: 'rejected', reason: '越界测试' }),
  },
  'DELETE /api/owner/vehicles/:bindingId': { id: (b) => b.bindingId, as: 'owner' },
  'GET /api/owner/vehicles/:vehicleId/history': { id: (b) => b.vehicleId, as: 'owner' },
  // Booking (issue 4).
  'PUT /api/service-types/:id': {
    id: (b) => b.booking.serviceTypeId,
    body: () => ({
      code: 'X-A',
      name: '越界',
      category: 'repair',
      durationMinutes: 60,
      priceMinFen: 0,
      priceMaxFen: 0,
    }),
  },
  'GET /api/stores/:id/booking-settings': { id: (b) => b.storeId },
  'PUT /api/stores/:id/booking-settings': {
    id: (b) => b.storeId,
    body: () => ({
      slotMinutes: 30,
      bays: 4,
      walkInSharePct: 20,
      onlineSharePct: 50,
      leadMinutes: 60,
      horizonDays: 30,
    }),
  },
  'GET /api/stores/:id/closures': { id: (b) => b.storeId },
  'POST /api/stores/:id/closures': { id: (b) => b.storeId, body: () => ({ date: '2030-01-01', reason: '越界' }) },
  'DELETE /api/closures/:id': { id: (b) => b.booking.closureId },
  'GET /api/staff/:id/leave': { id: (b) => b.staffIds.service_advisor ?? '' },
  'POST /api/staff/:id/leave': { id: (b) => b.staffIds.service_advisor ?? '', body: () => ({ date: '2030-01-01' }) },
  'DELETE /api/advisor-leave/:id': { id: (b) => b.booking.leaveId },
  'GET /api/stores/:id/availability': { id: (b) => b.storeId },
  'GET /api/owner/stores/:id/availability': { id: (b) => b.storeId, as: 'owner' },
  'GET /api/owner/bookings/:id': { id: (b) => b.booking.bookingId, as: 'owner' },
  'GET /api/owner/bookings/:id/calendar.ics': { id: (b) => b.booking.bookingId, as: 'owner' },
  'POST /api/owner/bookings/:id/cancel': {
    id: (b) => b.booking.bookingId,
    body: () => ({ reason: null }),
    as: 'owner',
  },
  'POST /api/owner/bookings/:id/reschedule': {
    id: (b) => b.booking.bookingId,
    body: () => ({ startsAt: '2030-01-02T02:00:00Z' }),
    as: 'owner',
  },
  'POST /api/bookings/:id/cancel': { id: (b) => b.booking.bookingId, body: () => ({ reason: null }) },
  'POST /api/bookings/:id/reschedule': {
    id: (b) => b.booking.bookingId,
    body: () => ({ startsAt: '2030-01-02T02:00:00Z' }),
  },
  'POST /api/bookings/:id/no-show': { id: (b) => b.booking.bookingId },
  // The service visit and the owner's inbox (issue 4). Each :param of a route is filled with the same id.
  'GET /api/visits/:id': { id: (b) => b.visit.visitId },
  'POST /api/visits/:id/photos': {
    id: (b) => b.visit.visitId,
    body: () => ({ dataUrl: 'data:image/jpeg;base64,/9j/4AAQ', caption: null }),
  },
  'GET /api/visits/:id/photos/:photoId': { id: (b) => b.visit.visitId },
  'PUT /api/visits/:id/estimate': { id: (b) => b.visit.visitId, body: () => ({ lines: [] }) },
  'POST /api/visits/:id/estimate/send': { id: (b) => b.visit.visitId },
  'POST /api/visits/:id/lines/:lineId/decision': {
    id: (b) => b.visit.visitId,
    body: () => ({ decision: 'approved', via: 'phone' }),
  },
  'POST /api/visits/:id/status': { id: (b) => b.visit.visitId, body: () => ({ status: 'in_bay', note: null }) },
  'POST /api/visits/:id/deliver': {
    id: (b) => b.visit.visitId,
    body: () => ({ payment: { method: 'cash', amountFen: 100 } }),
  },
  'GET /api/owner/visits/:id': { id: (b) => b.visit.visitId, as: 'owner' },
  'POST /api/owner/visits/:id/lines/:lineId/decision': {
    id: (b) => b.visit.visitId,
    body: () => ({ decision: 'approved' }),
    as: 'owner',
  },
  'POST /api/owner/visits/:id/rating': { id: (b) => b.visit.visitId, body: () => ({ score: 10 }), as: 'owner' },
  'GET /api/owner/visits/:id/photos/:photoId': { id: (b) => b.visit.visitId, as: 'owner' },
  'POST /api/owner/inbox/:id/read': { id: (b) => b.visit.inboxId ?? '', as: 'owner' },
  // DMS imports: B's own import ids are covered in modules/imports/imports-upload.test.ts; here B's
  // customer id stands in (an id of B that is no import of A's).
  'GET /api/imports/:id': { id: (b) => b.customerId },
  'PUT /api/imports/:id/mapping': { id: (b) => b.customerId, body: () => ({ mapping: { customerName: '姓名' } }) },
  'GET /api/imports/:id/errors': { id: (b) => b.customerId },
  'GET /api/imports/:id/errors.xlsx': { id: (b) => b.customerId },
  'POST /api/imports/:id/preview': { id: (b) => b.customerId, body: () => ({ mapping: { customerName: '姓名' } }) },
  'POST /api/imports/:id/undo': { id: (b) => b.customerId },
  // An import's catalogue values that matched nothing (issue 12).
  'GET /api/imports/:id/unlisted': { id: (b) => b.customerId },
  'GET /api/imports/samples/:kind': { id: () => 'no-such-kind-zz' },
  'PATCH /api/import-sources/:id': { id: (b) => b.importSourceId, body: () => ({ name: '改名的来源' }) },
  // Contact governance (issue 5): a customer's touch ledger.
  'GET /api/customers/:id/touches': { id: (b) => b.customerId },
  // Care rules, templates and tasks (issue 5): B's customer id stands in for a rule/template key (unknown
  // keys are 404) and for a task id (an id of B that is no task of A's).
  'PUT /api/care/rules/:key': {
    id: (b) => b.customerId,
    body: () => ({ enabled: true, timing: { daysBefore: 7 }, channel: 'sms', taskRole: null }),
  },
  'PUT /api/care/templates/:key/:channel': { id: (b) => b.customerId, body: () => ({ subject: null, body: '越界' }) },
  'GET /api/care/templates/:key/:channel/preview': { id: (b) => b.customerId },
  'POST /api/care/tasks/:id/done': { id: (b) => b.customerId, body: () => ({ outcome: '越界' }) },
  'POST /api/care/tasks/:id/snooze': { id: (b) => b.customerId, body: () => ({ until: '2030-01-01T00:00:00Z' }) },
  'POST /api/care/tasks/:id/reassign': {
    id: (b) => b.customerId,
    body: (b) => ({ assigneeId: b.staffIds.group_admin }),
  },
  // The call centre (issue 14): B's call, and an outcome on it.
  'GET /api/calls/:id': { id: (b) => b.callTaskId },
  'POST /api/calls/:id/outcome': { id: (b) => b.callTaskId, body: () => ({ outcome: 'no_answer', attempts: 1 }) },
  // Complaints: B's customer's list and new complaint, and B's open complaint.
  'GET /api/customers/:id/complaints': { id: (b) => b.customerId },
  'POST /api/customers/:id/complaints': {
    id: (b) => b.customerId,
    body: () => ({ category: 'repair_time', channel: 'phone', summary: '越界' }),
  },
  'POST /api/complaints/:id/close': { id: (b) => b.complaintId, body: () => ({ resolution: '越界' }) },
  'DELETE /api/tenant/calendar/days/:day': { id: (b) => b.calendarDay },
  // The visit flow (issue 11): a car's booking clashes (staff and owner), a store's live staff stream
  // (404 before any stream is opened: another tenant's store is not a store here).
  'GET /api/vehicles/:id/booking-clashes': { id: (b) => b.vehicleId },
  'GET /api/owner/vehicles/:id/booking-clashes': { id: (b) => b.vehicleId, as: 'owner' },
  'GET /api/stores/:id/events': { id: (b) => b.storeId },
  // Webhooks (issue 10): B's endpoint (every :param of a route is filled with it, so its delivery too).
  'PATCH /api/webhooks/endpoints/:id': { id: (b) => b.webhook.endpointId, body: () => ({ enabled: false }) },
  'DELETE /api/webhooks/endpoints/:id': { id: (b) => b.webhook.endpointId },
  'POST /api/webhooks/endpoints/:id/rotate-secret': { id: (b) => b.webhook.endpointId },
  'GET /api/webhooks/endpoints/:id/deliveries': { id: (b) => b.webhook.endpointId },
  'GET /api/webhooks/endpoints/:id/deliveries/:deliveryId': { id: (b) => b.webhook.endpointId },
  'POST /api/webhooks/endpoints/:id/deliveries/:deliveryId/replay': { id: (b) => b.webhook.endpointId },
  // Connected cars (issue 11): B's integration, and B's car as the owner app names it.
  'POST /api/telematics/integrations/:id/revoke': { id: (b) => b.telematics.integrationId },
  'GET /api/owner/vehicles/:vehicleId/telematics': { id: (b) => b.vehicleId, as: 'owner' },
  'PUT /api/owner/vehicles/:vehicleId/telematics/consent': { id: (b) => b.vehicleId, as: 'owner' },
  'DELETE /api/owner/vehicles/:vehicleId/telematics/consent': { id: (b) => b.vehicleId, as: 'owner' },
  // Questionnaires and answers (issue 14): B's questionnaire, B's customer's answers, B's owner's invitation.
  'GET /api/questionnaires/:id': { id: (b) => b.survey.questionnaireId },
  'POST /api/questionnaires/:id/draft': { id: (b) => b.survey.questionnaireId },
  'PUT /api/questionnaires/:id/draft': {
    id: (b) => b.survey.questionnaireId,
    body: () => ({
      definition: { sections: [{ key: 'body', kind: 'body', questions: [{ key: 'Q1', text: '越界', type: 'text' }] }] },
    }),
  },
  'POST /api/questionnaires/:id/publish': { id: (b) => b.survey.questionnaireId },
  'GET /api/customers/:id/survey-responses': { id: (b) => b.customerId },
  'GET /api/owner/surveys/:id': { id: (b) => b.survey.responseId, as: 'owner' },
  'POST /api/owner/surveys/:id/answers': {
    id: (b) => b.survey.responseId,
    body: () => ({ answers: { R1: { score: 9 } } }),
    as: 'owner',
  },
  'GET /api/referrals/:id': { id: (b) => b.referral.referralId },
  // Tenant B's referral code, read by tenant A's owner: no such code in A.
  'GET /api/owner/referrals/codes/:code': { id: (b) => b.referral.code, as: 'owner' },
  // Events and clubs (issue 16): B's event — edited, cancelled, invited to, checked in at; signed up for by an owner.
  'PUT /api/events/:id': {
    id: (b) => b.event.eventId,
    body: () => ({
      title: '越界',
      kind: 'club',
      startsAt: '2030-01-02T02:00:00Z',
      endsAt: '2030-01-02T04:00:00Z',
      place: '越界',
      capacity: 5,
      signupDeadline: '2030-01-01T02:00:00Z',
    }),
  },
  'POST /api/events/:id/cancel': { id: (b) => b.event.eventId, body: () => ({ reason: '越界' }) },
  'POST /api/events/:id/invitations': { id: (b) => b.event.eventId, body: () => ({ dryRun: true }) },
  'POST /api/events/:id/check-in': { id: (b) => b.event.eventId, body: () => ({ code: 'ABCDEFGH23' }) },
  'GET /api/owner/activities/:id': { id: (b) => b.event.eventId, as: 'owner' },
  'POST /api/owner/activities/:id/signup': { id: (b) => b.event.eventId, as: 'owner' },
  'POST /api/owner/activities/:id/cancel': { id: (b) => b.event.eventId, as: 'owner' },
  // Service recovery (issue 14, What 7): B's alert, its close, B's follow-up call.
  'GET /api/recovery/alerts/:id': { id: (b) => b.recovery.alertId },
  'POST /api/recovery/alerts/:id/close': {
    id: (b) => b.recovery.alertId,
    body: () => ({ action: '越界', reaction: '越界', reactionCode: 'accepted' }),
  },
  'POST /api/recovery/follow-ups/:id': {
    id: (b) => b.recovery.followUpTaskId,
    body: () => ({ answer: 'resolved', attempts: 0 }),
  },
  // Campaigns (issue 16): B's sent campaign; a draft's body for the edit.
  'GET /api/campaigns/:id': { id: (b) => b.campaignId },
  'PUT /api/campaigns/:id': {
    id: (b) => b.campaignId,
    body: (b) => ({
      name: '越界',
      audience: {},
      offer: { kind: 'package', serviceTypeId: b.booking.serviceTypeId, name: '越界', priceFen: 1 },
      message: '越界',
    }),
  },
  'POST /api/campaigns/:id/send': { id: (b) => b.campaignId },
  'POST /api/campaigns/:id/cancel': { id: (b) => b.campaignId },
  'GET /api/campaigns/:id/results': { id: (b) => b.campaignId },
  'GET /api/cockpit/scorecards/:staffId/items': { id: (b) => b.staffIds.service_advisor ?? '' },
};

/**
 * The query the routes that take no id are read with, where they need one. Every GET route of the contracts
 * without a path parameter is read (by tenant A's admin, or its owner for owner routes); none may answer
 * anything of tenant B. These keep the queries the hand-written list had.
 */
export const listRoutes = [
  `GET /api/customers?q=${encodeURIComponent('测试')}`,
  'GET /api/stores',
  'GET /api/staff',
  'GET /api/audit',
  'GET /api/tenant/branding',
  'GET /api/vehicle-bindings?status=pending',
  'GET /api/tenant/settings',
  'GET /api/auth/staff/me',
  'GET /api/service-types',
  'GET /api/bookings',
  'GET /api/booking-stats',
  'GET /api/imports',
  'GET /api/import-sources',
  'GET /api/visits/board',
  'GET /api/contact/policy',
  'GET /api/care/rules',
  'GET /api/care/tasks?scope=store',
  'GET /api/care/dry-run',
  'GET /api/calls?scope=store&when=all',
  'GET /api/calls/policy',
  'GET /api/tenant/calendar?year=2026',
  'GET /api/webhooks/endpoints',
  'GET /api/service-intervals',
  'GET /api/telematics/integrations',
  'GET /api/telematics/cars',
  'GET /api/telematics/rules',
  'GET /api/questionnaires',
  'GET /api/owner/surveys',
  'GET /api/referrals',
  'GET /api/owner/referrals',
  'GET /api/indices/figures?from=2020-01-01&to=2030-12-31&by=advisor',
  'GET /api/indices/kpis?from=2020-01-01&to=2030-12-31&by=agent',
  'GET /api/indices/kpis.xlsx?from=2020-01-01&to=2030-12-31',
  'GET /api/indices/factor-sets',
  'GET /api/recovery/alerts?scope=store&status=all',
  'GET /api/recovery/on-time?from=2020-01-01&to=2030-12-31',
  'GET /api/recovery/policy',
  'GET /api/content/posts',
  'GET /api/content/articles',
  'GET /api/owner/feed',
  `GET /api/owner/knowledge?q=${encodeURIComponent('胎压 资讯 知识')}`,
  'GET /api/campaigns',
  'GET /api/chat/conversations',
  'GET /api/chat/stats',
  'GET /api/owner/chat',
  'GET /api/owner/chat/thread?kind=service',
  'GET /api/campaigns/templates',
  'GET /api/segments/customers?dimension=flag&value=seasonal',
  'GET /api/segments/customers/export?dimension=flag&value=seasonal',
  'GET /api/complaints/notices',
  'GET /api/complaints/reports/overview?from=2025-01&to=2026-12',
  'GET /api/complaints/reports/monthly?month=2026-12',
  'GET /api/complaints/reports/first-contact?quarter=2026-Q4',
  'GET /api/complaints/reports.xlsx?from=2025-01&to=2026-12&month=2026-12&quarter=2026-Q4',
  'GET /api/services/catalogue',
  'GET /api/service-requests?scope=store&status=all',
  'GET /api/owner/services',
  'GET /api/owner/service-requests',
  'GET /api/cockpit/today',
  'GET /api/cockpit/today/items?figure=complaintsOpen',
  'GET /api/cockpit/trend',
  'GET /api/cockpit/scorecards',
  'GET /api/reports',
  'GET /api/reports/subscriptions',
];
