import { z } from 'zod';
import { hexColor, hotline, mobilePhone, tenantSlug, uuid } from './common.ts';
import { passwordSchema } from './auth.ts';
import { staffLogin } from './staff.ts';
import { openingHours, storeInput, type OpeningHours } from './stores.ts';

/** The platform operator: who onboards dealer groups (tenants). Never a tenant's staff member. */
export const operatorLogin = staffLogin;

export const operatorSignInBody = z.strictObject({
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type OperatorSignInBody = z.infer<typeof operatorSignInBody>;

export const operatorMe = z.object({
  kind: z.literal('operator'),
  csrfToken: z.string(),
  operator: z.object({ id: uuid, login: z.string(), name: z.string() }),
});
export type OperatorMe = z.infer<typeof operatorMe>;

/** An IANA time zone the runtime knows (Asia/Shanghai, Asia/Urumqi, Asia/Hong_Kong…). */
export const isTimeZone = (zone: string): boolean => {
  if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$|^UTC$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
export const timeZone = z.string().trim().max(64).refine(isTimeZone, { message: 'time_zone' });

/** Every day 08:30–18:00: a first store's hours until its manager sets them. */
export const defaultOpeningHours: OpeningHours = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '08:30', close: '18:00' }]]),
) as OpeningHours;

export const provisionStore = storeInput.extend({ openingHours: openingHours.default(defaultOpeningHours) });
export type ProvisionStore = z.infer<typeof provisionStore>;

export const provisionAdmin = z.strictObject({
  login: staffLogin,
  name: z.string().trim().min(1).max(40),
  phone: mobilePhone.nullable().default(null),
  /** Absent: one is generated and shown once in the answer. */
  password: passwordSchema.optional(),
});

/** A new dealer group: its identity, zone, brands, first stores and first group admin — one transaction. */
export const tenantCreateBody = z
  .strictObject({
    slug: tenantSlug,
    name: z.string().trim().min(1).max(60),
    shortName: z.string().trim().min(1).max(12).optional(),
    timezone: timeZone.default('Asia/Shanghai'),
    brands: z.array(z.string().trim().min(1).max(40)).min(1).max(20),
    primaryColor: hexColor.optional(),
    accentColor: hexColor.optional(),
    dealerHotline: hotline.nullable().optional(),
    oemHotline: hotline.nullable().optional(),
    stores: z.array(provisionStore).min(1).max(50),
    admin: provisionAdmin,
  })
  .superRefine((t, issue) => {
    const codes = new Set<string>();
    t.stores.forEach((s, i) => {
      if (codes.has(s.code.toUpperCase()))
        issue.addIssue({ code: 'custom', path: ['stores', i, 'code'], message: 'store_code_taken' });
      codes.add(s.code.toUpperCase());
      if (s.brand !== null && !t.brands.includes(s.brand))
        issue.addIssue({ code: 'custom', path: ['stores', i, 'brand'], message: 'brand_unknown' });
    });
    if (new Set(t.brands).size !== t.brands.length)
      issue.addIssue({ code: 'custom', path: ['brands'], message: 'brand_repeated' });
  });
export type TenantCreateBody = z.input<typeof tenantCreateBody>;
export type TenantCreateInput = z.output<typeof tenantCreateBody>;

export const tenantStatus = z.enum(['active', 'suspended']);

export const tenantSummary = z.object({
  id: uuid,
  slug: z.string(),
  name: z.string(),
  shortName: z.string(),
  timezone: z.string(),
  brands: z.array(z.string()),
  status: tenantStatus,
  createdAt: z.string(),
  suspendedAt: z.string().nullable(),
});
export type TenantSummary = z.infer<typeof tenantSummary>;

export const tenantList = z.object({ items: z.array(tenantSummary) });

export const tenantCreated = z.object({
  tenant: tenantSummary,
  admin: z.object({
    id: uuid,
    login: z.string(),
    /** Only when it was generated: shown this once, never stored in clear. */
    initialPassword: z.string().nullable(),
  }),
});
export type TenantCreated = z.infer<typeof tenantCreated>;

export const tenantActionBody = z.strictObject({ reason: z.string().trim().min(1).max(200).optional() });
export type TenantActionBody = z.infer<typeof tenantActionBody>;

export const operatorAuditQuery = z.strictObject({
  tenantId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const operatorAuditEntry = z.object({
  id: uuid,
  at: z.string(),
  actorKind: z.enum(['operator', 'cli']),
  actorName: z.string().nullable(),
  action: z.string(),
  tenantId: uuid.nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export const operatorAuditList = z.object({ items: z.array(operatorAuditEntry) });
