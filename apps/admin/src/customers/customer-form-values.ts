import type { Customer, CustomerInput, customerSources, followUpSlots } from '@m4s/contracts';
import { blankToNull } from '../lib/form-errors.ts';

type Kind = 'person' | 'organisation';
type AddressKind = 'home' | 'work' | 'mail';

/** The form's shape: flat strings where the API has nulls, and preferences as rows (a map has no order). */
export type CustomerValues = {
  kind: Kind;
  name: string;
  gender: 'male' | 'female' | null;
  contactName: string;
  contactTitle: string;
  birthday: string;
  occupation: string;
  idNumber: string;
  source: (typeof customerSources)[number];
  vipLevel: string;
  phones: string[];
  email: string;
  addresses: { kind: AddressKind; text: string }[];
  secondContact: { name: string; phone: string; relation: string };
  preferredSlot: (typeof followUpSlots)[number] | null;
  tags: string[];
  preferences: { key: string; value: string }[];
  malicious: boolean;
  seasonal: boolean;
  notes: string;
  homeStoreId: string | null;
  salesConsultantId: string | null;
  serviceAdvisorId: string | null;
};

/** Top-level fields a server issue can land on; preferences are rows here, so their issues go in the alert. */
export const customerFieldNames = [
  'kind',
  'name',
  'gender',
  'contactName',
  'contactTitle',
  'phones',
  'email',
  'birthday',
  'occupation',
  'idNumber',
  'source',
  'preferredSlot',
  'tags',
  'notes',
  'vipLevel',
  'malicious',
  'seasonal',
  'addresses',
  'secondContact',
  'homeStoreId',
  'salesConsultantId',
  'serviceAdvisorId',
];

export const toValues = (c: Customer | null, homeStoreId: string | null): CustomerValues => ({
  kind: c?.kind ?? 'person',
  name: c?.name ?? '',
  gender: c?.gender ?? null,
  contactName: c?.contactName ?? '',
  contactTitle: c?.contactTitle ?? '',
  birthday: c?.birthday ?? '',
  occupation: c?.occupation ?? '',
  idNumber: c?.idNumber ?? '',
  source: c?.source ?? 'walk_in',
  vipLevel: c?.vipLevel ?? '',
  phones: c ? c.phones.map((p) => p.phone) : [''],
  email: c?.email ?? '',
  addresses: c ? c.addresses.map((a) => ({ ...a })) : [],
  secondContact: {
    name: c?.secondContact?.name ?? '',
    phone: c?.secondContact?.phone ?? '',
    relation: c?.secondContact?.relation ?? '',
  },
  preferredSlot: c?.preferredSlot ?? null,
  tags: c?.tags ?? [],
  preferences: Object.entries(c?.preferences ?? {}).map(([key, value]) => ({ key, value })),
  malicious: c?.malicious ?? false,
  seasonal: c?.seasonal ?? false,
  notes: c?.notes ?? '',
  homeStoreId: c ? c.homeStoreId : homeStoreId,
  salesConsultantId: c?.salesConsultantId ?? null,
  serviceAdvisorId: c?.serviceAdvisorId ?? null,
});

const trimmed = (v: string | undefined) => (v ?? '').trim();

export const toInput = (v: CustomerValues): CustomerInput => {
  const person = v.kind === 'person';
  const second = v.secondContact;
  return {
    kind: v.kind,
    name: trimmed(v.name),
    gender: person ? v.gender : null,
    contactName: person ? null : blankToNull(v.contactName),
    contactTitle: person ? null : blankToNull(v.contactTitle),
    // Empty extra rows are dropped; an empty first row stays so "at least one number" lands on it.
    phones: v.phones.map(trimmed).filter((p, i) => p !== '' || i === 0),
    email: blankToNull(v.email?.trim()),
    birthday: person ? blankToNull(v.birthday) : null,
    occupation: blankToNull(v.occupation),
    idNumber: blankToNull(v.idNumber?.toUpperCase()),
    source: v.source,
    preferredSlot: v.preferredSlot ?? null,
    preferences: Object.fromEntries(
      (v.preferences ?? []).filter((p) => trimmed(p.key) !== '').map((p) => [trimmed(p.key), trimmed(p.value)]),
    ),
    tags: (v.tags ?? []).map((tag) => tag.trim()).filter(Boolean),
    notes: blankToNull(v.notes),
    vipLevel: blankToNull(v.vipLevel),
    malicious: v.malicious,
    seasonal: v.seasonal,
    addresses: (v.addresses ?? []).map((a) => ({ kind: a.kind, text: trimmed(a.text) })),
    secondContact: trimmed(second?.name)
      ? { name: trimmed(second.name), phone: blankToNull(second.phone), relation: blankToNull(second.relation) }
      : null,
    homeStoreId: v.homeStoreId ?? null,
    salesConsultantId: v.salesConsultantId ?? null,
    serviceAdvisorId: v.serviceAdvisorId ?? null,
  };
};
