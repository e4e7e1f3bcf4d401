import type { PersonalData } from './platform/personal-data.ts';
import { authPersonalData } from './modules/auth/auth.personal-data.ts';
import { bookingPersonalData } from './modules/booking/booking.personal-data.ts';
import { callsPersonalData } from './modules/calls/calls.personal-data.ts';
import { campaignsPersonalData } from './modules/campaigns/campaigns.personal-data.ts';
import { carePersonalData } from './modules/care/care.personal-data.ts';
import { contentPersonalData } from './modules/content/content.personal-data.ts';
import { chatPersonalData } from './modules/chat/chat.personal-data.ts';
import { complaintsPersonalData } from './modules/complaints/complaints.personal-data.ts';
import { contactPersonalData } from './modules/contact/contact.personal-data.ts';
import { customersPersonalData } from './modules/customers/customers.personal-data.ts';
import { garagePersonalData } from './modules/garage/garage.personal-data.ts';
import { historyPersonalData } from './modules/history/history.personal-data.ts';
import { importsPersonalData } from './modules/imports/imports.personal-data.ts';
import { inboxPersonalData } from './modules/inbox/inbox.personal-data.ts';
import { loyaltyPersonalData } from './modules/loyalty/loyalty.personal-data.ts';
import { referralsPersonalData } from './modules/referrals/referrals.personal-data.ts';
import { telematicsPersonalData } from './modules/telematics/telematics.personal-data.ts';
import { surveysPersonalData } from './modules/surveys/surveys.personal-data.ts';
import { eventsPersonalData } from './modules/events/events.personal-data.ts';
import { recoveryPersonalData } from './modules/recovery/recovery.personal-data.ts';
import { servicesPersonalData } from './modules/services/services.personal-data.ts';
import { segmentsPersonalData } from './modules/segments/segments.personal-data.ts';
import { vehiclesPersonalData } from './modules/vehicles/vehicles.personal-data.ts';
import { visitsPersonalData } from './modules/visits/visits.personal-data.ts';
import { webhooksPersonalData } from './modules/webhooks/webhooks.personal-data.ts';

/**
 * What every module holds about a customer (platform/personal-data.ts), for the PIPL export, erasure and
 * merge of modules/customers. A module declares its part in its own `<module>.personal-data.ts` and joins
 * here; personal-data.test.ts fails when a table referencing customers is declared by none, and the
 * privacy test fails when an erased person's name or phone is left in any text column of any table.
 *
 * The order matters: every part identifies the person before anything is erased, in this order — the
 * customers part first (name, phones, e-mail), so that auth (last) finds the app accounts by phone; auth's
 * erasure deletes the accounts, so it runs after the modules whose rows point at one (bookings, bindings,
 * inbox) have let go of it.
 */
export const personalData: readonly PersonalData[] = [
  customersPersonalData,
  vehiclesPersonalData,
  historyPersonalData,
  bookingPersonalData,
  visitsPersonalData,
  contactPersonalData,
  carePersonalData,
  callsPersonalData,
  complaintsPersonalData,
  segmentsPersonalData,
  garagePersonalData,
  inboxPersonalData,
  importsPersonalData,
  webhooksPersonalData,
  telematicsPersonalData,
  loyaltyPersonalData,
  referralsPersonalData,
  surveysPersonalData,
  contentPersonalData,
  eventsPersonalData,
  recoveryPersonalData,
  campaignsPersonalData,
  // Before auth: the person's messages name their app accounts, which auth deletes.
  chatPersonalData,
  servicesPersonalData,
  authPersonalData,
];
