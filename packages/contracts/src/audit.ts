import { z } from 'zod';
import { uuid } from './common.ts';

/**
 * Every action the server writes to a tenant's audit log (审计日志, `audit()` in apps/server/src/platform/audit.ts
 * takes only these). The admin console labels each as `action.<code>` in both languages; the type check of
 * apps/admin and apps/server/test/audit-actions.test.ts fail when one has no label. The operator's own log
 * (`operatorAudit`, `operator_audit`) is separate and not listed here.
 */
export const auditActions = [
  // Sign-in (staff and owners)
  'auth.staff.signed_in',
  'auth.staff.signed_out',
  'auth.staff.sign_in_failed',
  'auth.staff.locked',
  'auth.staff.password_changed',
  'auth.staff.password_reset',
  'auth.owner.otp_requested',
  'auth.owner.signed_in',
  'auth.owner.signed_out',
  'auth.owner.sign_in_failed',
  // The group, its stores and staff
  'tenant.provisioned',
  'tenant.suspended',
  'tenant.resumed',
  'tenant.branding_updated',
  'tenant.settings_updated',
  'tenant.calendar_day_set',
  'tenant.calendar_day_removed',
  'tenant.business_hours_set',
  'store.created',
  'store.updated',
  'staff.created',
  'staff.created_by_platform',
  'staff.updated',
  'staff.unlocked',
  'staff.password_reset',
  // Customers, vehicles, history
  'customer.created',
  'customer.updated',
  'customer.contact_viewed',
  'customer.preferences_updated',
  'customer.merged',
  'customer.exported',
  'customer.erased',
  'customer.imported',
  'customer.import_undone',
  'catalogue.series_added',
  'catalogue.model_added',
  'vehicle.created',
  'vehicle.updated',
  'vehicle.transferred',
  'vehicle.mileage_resolved',
  'service_interval.saved',
  'service_interval.removed',
  'vehicle_binding.requested',
  'vehicle_binding.no_match',
  'vehicle_binding.confirmed',
  'vehicle_binding.rejected',
  'vehicle_binding.withdrawn',
  'vehicle_binding.unbound',
  'vehicle_binding.ended',
  'vehicle_binding.contacts_viewed',
  'repair_order.recorded',
  'sales_order.recorded',
  // Bookings and their setup
  'booking.created',
  'booking.cancelled',
  'booking.rescheduled',
  'booking.no_show',
  'service_type.created',
  'service_type.updated',
  'booking_settings.updated',
  'store_closure.added',
  'store_closure.removed',
  'advisor_leave.added',
  'advisor_leave.removed',
  // Visits (接车 → 交车)
  'visit.checked_in',
  'visit.status_changed',
  'visit.photo_added',
  'visit.estimate_saved',
  'visit.estimate_sent',
  'visit.line_approved',
  'visit.line_declined',
  'visit.line_changed',
  'visit.delivered',
  'visit.rated',
  // Care, contact, complaints, segments
  'care.rule.update',
  'care.template.update',
  'care.task.done',
  'care.task.snooze',
  'care.task.reassign',
  'call.outcome',
  'call.created',
  'call.policy_updated',
  'contact.policy_updated',
  'contact.owner_preferences_updated',
  'complaint.opened',
  'complaint.closed',
  'segment.rules_updated',
  'segment.recompute',
  'segment.exported',
  // Webhooks
  'webhook.endpoint_created',
  'webhook.endpoint_updated',
  'webhook.endpoint_deleted',
  'webhook.secret_rotated',
  'webhook.delivery_replayed',
  // Connected cars (docs/telematics.md)
  'telematics.integration_created',
  'telematics.integration_revoked',
  'telematics.rules_updated',
  'telematics.consent_given',
  'telematics.consent_revoked',
  // Membership (docs/loyalty.md)
  'loyalty.settings_updated',
  'loyalty.template_saved',
  'loyalty.coupons_issued',
  'loyalty.coupon_voided',
  'loyalty.points_adjusted',
  'loyalty.points_redeemed',
  // Referrals (docs/referrals.md) and a payment taken back
  'referral.recorded',
  'referral.rewarded',
  'visit.payment_voided',
  // Questionnaires and answers (docs/surveys.md)
  'questionnaire.created',
  'questionnaire.published',
  'survey.recorded',
  'survey.answered',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditEntry = z.object({
  id: uuid,
  at: z.string(),
  actorKind: z.enum(['staff', 'owner', 'system', 'anonymous']),
  actorId: uuid.nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditList = z.object({ items: z.array(auditEntry) });
export const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  action: z.string().max(60).optional(),
});
