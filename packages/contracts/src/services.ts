import { z } from 'zod';
import { uuid } from './common.ts';
import { roles } from './roles.ts';
import { visitPhotoMaxChars } from './visits.ts';

/**
 * 车业务 — one-click services as plugins (issue 17 point 3, docs/services.md). Each service is a folder of the
 * server's `modules/services/catalogue/` with a manifest; what the apps see of a manifest is described here, so
 * the owner app renders any service's form with one generic form and the advisor app any service's steps.
 */

/** A service's id: lower case, digits and underscores (the catalogue folder's name in snake case). */
export const serviceId = z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, { message: 'service_unknown' });

/** Text in both languages the apps speak. */
export const localized = z.object({ 'zh-CN': z.string(), en: z.string() });
export type Localized = z.infer<typeof localized>;

/** The icons the owner app draws for a service tile (antd-mobile-icons it maps them to). */
export const serviceIcons = [
  'calendar',
  'rescue',
  'shield',
  'check',
  'warning',
  'swap',
  'car',
  'award',
  'drop',
  'truck',
  'gift',
  'key',
] as const;
export type ServiceIcon = (typeof serviceIcons)[number];

/**
 * The kinds of field a form is made of. `location` (the phone's position, given only with consent) and `photo`
 * (one picture, re-encoded by the server) are kept in their own columns; every other answer in the form's JSON.
 */
export const formFieldKinds = ['text', 'textarea', 'phone', 'date', 'select', 'number', 'location', 'photo'] as const;
export type FormFieldKind = (typeof formFieldKinds)[number];

export const formField = z.object({
  key: z.string(),
  kind: z.enum(formFieldKinds),
  label: localized,
  required: z.boolean(),
  /** `select`: the choices. */
  options: z.array(z.object({ value: z.string(), label: localized })).optional(),
  /** `number`: the bounds; `text`/`textarea`: the longest answer. */
  min: z.number().optional(),
  max: z.number().optional(),
  /** `location`: the field that takes a typed address when the owner refuses the position. */
  fallback: z.string().optional(),
});
export type FormField = z.infer<typeof formField>;

/** One step of a case after `received`: what staff record on reaching it (a driver's name and ETA on 已派车). */
export const serviceStep = z.object({ key: z.string(), label: localized, fields: z.array(formField) });
export type ServiceStep = z.infer<typeof serviceStep>;

/** A store setting a service needs (its rescue line): a service whose required settings are blank is not offered. */
export const settingSpec = z.object({
  key: z.string(),
  kind: z.enum(['hotline', 'text']),
  label: localized,
  required: z.boolean(),
});
export type SettingSpec = z.infer<typeof settingSpec>;

/** How soon staff must act: wall-clock minutes (rescue, around the clock) or business hours of the tenant. */
export const serviceDeadline = z.union([
  z.object({ minutes: z.number().int().positive() }),
  z.object({ businessHours: z.number().positive() }),
]);
export type ServiceDeadline = z.infer<typeof serviceDeadline>;

/** What an app sees of a manifest. `opens`: an existing flow of the owner app the tile opens instead of a form. */
export const serviceManifest = z.object({
  id: serviceId,
  icon: z.enum(serviceIcons),
  name: localized,
  description: localized,
  handler: z.enum(roles),
  priority: z.number().int().min(1).max(5),
  deadline: serviceDeadline,
  settings: z.array(settingSpec),
  fields: z.array(formField),
  steps: z.array(serviceStep),
  /** Call buttons on the form: a store setting's key, or `oem` for the manufacturer's hotline. */
  calls: z.array(z.string()),
  opens: z.string().nullable(),
});
export type ServiceManifest = z.infer<typeof serviceManifest>;

// ── Switching on (admin 服务项目) ────────────────────────────────────────────────────────────────────

export const storeServiceSetting = z.object({
  serviceId,
  enabled: z.boolean(),
  settings: z.record(z.string(), z.string()),
  /** Enabled and every required setting filled: owners of the store see it. */
  offered: z.boolean(),
  missing: z.array(z.string()),
});
export type StoreServiceSetting = z.infer<typeof storeServiceSetting>;

export const storeServices = z.object({ storeId: uuid, items: z.array(storeServiceSetting) });
export type StoreServices = z.infer<typeof storeServices>;

export const serviceCatalogue = z.object({ items: z.array(serviceManifest) });

export const storeServiceInput = z.strictObject({
  serviceId,
  enabled: z.boolean(),
  settings: z.record(z.string().max(40), z.string().trim().max(60)).default({}),
});
export type StoreServiceInput = z.infer<typeof storeServiceInput>;

// ── Requests ────────────────────────────────────────────────────────────────────────────────────────

/** `received` first, the manifest's steps after, `cancelled` by the owner (before anyone acts) or by staff. */
export const requestState = z.string();

export const geoPoint = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracy: z.number().min(0).max(100_000).nullable().default(null),
});
export type GeoPoint = z.infer<typeof geoPoint>;

const answer = z.union([z.string().trim().max(500), z.number().finite(), z.null()]);

export const serviceRequestInput = z.strictObject({
  serviceId,
  storeId: uuid,
  vehicleId: uuid.nullable().default(null),
  answers: z.record(z.string().max(40), answer).default({}),
  /** The phone's position: only with `locationConsent` true, and only for a service whose form asks for it. */
  location: geoPoint.nullable().default(null),
  locationConsent: z.boolean().default(false),
  photo: z
    .string()
    .max(visitPhotoMaxChars, { message: 'photo_size' })
    .regex(/^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/]+=*$/, { message: 'photo_format' })
    .nullable()
    .default(null),
});
export type ServiceRequestInput = z.input<typeof serviceRequestInput>;

export const requestEvent = z.object({
  at: z.string(),
  status: z.string(),
  /** What staff recorded on the step (driver, ETA…) or the cancel reason. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});

const requestBase = z.object({
  id: uuid,
  serviceId,
  serviceName: localized,
  storeId: uuid,
  storeName: z.string(),
  status: requestState,
  statusLabel: localized,
  priority: z.number().int(),
  dueAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closed: z.boolean(),
});

/** The owner's view: their own request, its steps so far, the call lines of the store. */
export const ownerServiceRequest = requestBase.extend({
  answers: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  hasLocation: z.boolean(),
  hasPhoto: z.boolean(),
  events: z.array(requestEvent),
  steps: z.array(z.object({ key: z.string(), label: localized })),
  calls: z.array(z.object({ key: z.string(), number: z.string() })),
  /** Details of the latest step (driver's name, ETA in minutes and the time it points at). */
  current: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  cancellable: z.boolean(),
});
export type OwnerServiceRequest = z.infer<typeof ownerServiceRequest>;

/** Staff's view: who asked, where, the form, the next steps they may take. */
export const staffServiceRequest = requestBase.extend({
  handlerRole: z.enum(roles),
  customerName: z.string().nullable(),
  phone: z.string().nullable(),
  plate: z.string().nullable(),
  answers: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  fields: z.array(formField),
  location: geoPoint.nullable(),
  hasPhoto: z.boolean(),
  events: z.array(requestEvent),
  steps: z.array(serviceStep),
  current: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  next: z.string().nullable(),
});
export type StaffServiceRequest = z.infer<typeof staffServiceRequest>;

export const staffRequestSummary = requestBase.extend({
  handlerRole: z.enum(roles),
  customerName: z.string().nullable(),
  plate: z.string().nullable(),
});
export type StaffRequestSummary = z.infer<typeof staffRequestSummary>;

export const staffRequestQuery = z.strictObject({
  /** mine: my role's queue in my store; store: every service's (managers); closed ones with `status=all`. */
  scope: z.enum(['mine', 'store']).default('mine'),
  status: z.enum(['open', 'all']).default('open'),
});

export const advanceInput = z.strictObject({
  to: z.string().min(1).max(40),
  details: z.record(z.string().max(40), answer).default({}),
});
export const cancelRequestInput = z.strictObject({ reason: z.string().trim().min(1).max(200) });

/** The owner app's 车业务: what the owner's stores offer, and the stores. */
export const ownerServices = z.object({
  items: z.array(
    serviceManifest.omit({ handler: true, settings: true, steps: true }).extend({ storeIds: z.array(uuid) }),
  ),
  stores: z.array(
    z.object({ id: uuid, name: z.string(), calls: z.array(z.object({ key: z.string(), number: z.string() })) }),
  ),
});
export type OwnerServices = z.infer<typeof ownerServices>;
export type OwnerService = OwnerServices['items'][number];

/** The live event a step sends the owner's open page (`service`). */
export const serviceLiveEvent = z.object({ requestId: uuid, status: z.string(), at: z.string() });
export type ServiceLiveEvent = z.infer<typeof serviceLiveEvent>;
