import type { PersonalData } from './platform/personal-data.ts';
import { bookingPersonalData } from './modules/booking/booking.personal-data.ts';
import { carePersonalData } from './modules/care/care.personal-data.ts';
import { complaintsPersonalData } from './modules/complaints/complaints.personal-data.ts';
import { contactPersonalData } from './modules/contact/contact.personal-data.ts';
import { customersPersonalData } from './modules/customers/customers.personal-data.ts';
import { historyPersonalData } from './modules/history/history.personal-data.ts';
import { segmentsPersonalData } from './modules/segments/segments.personal-data.ts';
import { vehiclesPersonalData } from './modules/vehicles/vehicles.personal-data.ts';
import { visitsPersonalData } from './modules/visits/visits.personal-data.ts';
import { webhooksPersonalData } from './modules/webhooks/webhooks.personal-data.ts';

/**
 * What every module holds about a customer (platform/personal-data.ts), for the PIPL export, erasure and
 * merge of modules/customers. A module declares its part in its own `<module>.personal-data.ts` and joins
 * here; personal-data.test.ts fails when a table referencing customers is declared by none.
 */
export const personalData: readonly PersonalData[] = [
  customersPersonalData,
  vehiclesPersonalData,
  historyPersonalData,
  bookingPersonalData,
  visitsPersonalData,
  contactPersonalData,
  carePersonalData,
  complaintsPersonalData,
  segmentsPersonalData,
  webhooksPersonalData,
];
