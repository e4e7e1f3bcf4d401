import { z } from 'zod';
import { contactTopics } from './care.ts';
import { clockTime, isoDay, mobilePhone, uuid } from './common.ts';

export const customerSources = ['walk_in', 'phone_in', 'referral', 'auto_show', 'partner', 'online', 'import'] as const;
export const contactChannels = ['app', 'sms', 'phone', 'email'] as const;
export const followUpSlots = ['morning', 'noon', 'afternoon', 'evening'] as const;
export type FollowUpSlot = (typeof followUpSlots)[number];
/**
 * The local clock times each slot stands for (start inside, end not): a call task for a customer with a
 * slot is due inside it (docs/contact-governance.md, "Calls").
 */
export const followUpSlotWindows: Record<FollowUpSlot, { start: string; end: string }> = {
  morning: { start: '09:00', end: '12:00' },
  noon: { start: '12:00', end: '14:00' },
  afternoon: { start: '14:00', end: '18:00' },
  evening: { start: '18:00', end: '21:00' },
};

const isoDate = isoDay;

const address = z.strictObject({ kind: z.enum(['home', 'work', 'mail']), text: z.string().trim().min(2).max(200) });

/** A customer as staff create or edit it. Phones: the first is the primary number. */
export const customerInput = z.strictObject({
  kind: z.enum(['person', 'organisation']).default('person'),
  name: z.string().trim().min(1).max(60),
  gender: z.enum(['male', 'female']).nullable().default(null),
  contactName: z.string().trim().max(40).nullable().default(null),
  contactTitle: z.string().trim().max(40).nullable().default(null),
  phones: z.array(mobilePhone).min(1, { message: 'phone_required' }).max(5),
  /** For e-mail messages (channel 'email'); stored lower-case. */
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ message: 'email' }))
    .nullable()
    .default(null),
  birthday: isoDate.nullable().default(null),
  occupation: z.string().trim().max(60).nullable().default(null),
  idNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Z]{15,18}$/, { message: 'id_number' })
    .nullable()
    .default(null),
  source: z.enum(customerSources),
  preferredSlot: z.enum(followUpSlots).nullable().default(null),
  preferences: z.record(z.string().max(30), z.string().max(200)).default({}),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  notes: z.string().max(2000).nullable().default(null),
  vipLevel: z.string().trim().max(20).nullable().default(null),
  malicious: z.boolean().default(false),
  seasonal: z.boolean().default(false),
  addresses: z.array(address).max(5).default([]),
  secondContact: z
    .strictObject({
      name: z.string().trim().min(1).max(40),
      phone: mobilePhone.nullable(),
      relation: z.string().trim().max(20).nullable(),
    })
    .nullable()
    .default(null),
  homeStoreId: uuid.nullable().default(null),
  salesConsultantId: uuid.nullable().default(null),
  serviceAdvisorId: uuid.nullable().default(null),
});
export type CustomerInput = z.input<typeof customerInput>;
export type CustomerData = z.output<typeof customerInput>;

export const contactPreferences = z.strictObject({
  channels: z.array(z.enum(contactChannels)).max(4),
  quietStart: clockTime.nullable(),
  quietEnd: clockTime.nullable(),
  /** Only topics of the one list (contracts' contactTopics); anything else is refused with `topic_unknown`. */
  topicsOptedOut: z.array(z.enum(contactTopics, { message: 'topic_unknown' })).max(30),
  marketingOptOut: z.boolean(),
});
export type ContactPreferences = z.infer<typeof contactPreferences>;

/** A phone as the reader may see it: in full, or masked (138****0000) for roles that do not need it. */
export const shownPhone = z.object({ phone: z.string(), masked: z.boolean(), primary: z.boolean() });

export const customer = z.object({
  id: uuid,
  kind: z.enum(['person', 'organisation']),
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  contactName: z.string().nullable(),
  contactTitle: z.string().nullable(),
  phones: z.array(shownPhone),
  /** Masked (zh***@example.cn) for roles that do not see full contact details, like phones. */
  email: z.string().nullable(),
  birthday: z.string().nullable(),
  occupation: z.string().nullable(),
  idNumber: z.string().nullable(),
  source: z.enum(customerSources),
  preferredSlot: z.enum(followUpSlots).nullable(),
  preferences: z.record(z.string(), z.string()),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  vipLevel: z.string().nullable(),
  malicious: z.boolean(),
  seasonal: z.boolean(),
  addresses: z.array(address),
  secondContact: z
    .object({ name: z.string(), phone: z.string().nullable(), relation: z.string().nullable() })
    .nullable(),
  homeStoreId: uuid.nullable(),
  salesConsultantId: uuid.nullable(),
  serviceAdvisorId: uuid.nullable(),
  /** The consultant / advisor as an imported file named them when no staff member matched (null with the id). */
  salesConsultantName: z.string().nullable(),
  serviceAdvisorName: z.string().nullable(),
  preferencesContact: contactPreferences,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Customer = z.infer<typeof customer>;

export const customerSummary = z.object({
  id: uuid,
  name: z.string(),
  kind: z.enum(['person', 'organisation']),
  primaryPhone: z.string().nullable(),
  tags: z.array(z.string()),
  malicious: z.boolean(),
  seasonal: z.boolean(),
  homeStoreId: uuid.nullable(),
});
export type CustomerSummary = z.infer<typeof customerSummary>;

export const customerSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(40),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const customerSearchResult = z.object({ items: z.array(customerSummary) });

/** Merge a duplicate record (`fromId`) into the one in the path; the duplicate is deleted. */
export const customerMergeBody = z.strictObject({ fromId: uuid });
