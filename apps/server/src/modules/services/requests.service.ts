import { randomUUID } from 'node:crypto';
import type { OwnerServiceRequest, OwnerServices, ServiceRequestInput } from '@m4s/contracts';
import { serviceRequestInput } from '@m4s/contracts';
import type { Ctx, OwnerCtx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { publishAfterCommit } from '../../platform/events.ts';
import { reencoded } from '../../platform/photos.ts';
import { customersOfOwnerAccount } from '../contact/contact.service.ts';
import { catalogue, pluginOf } from './catalogue/index.ts';
import { dueOf, pluginContext, pluginRequest } from './plugin-context.ts';
import { checkAnswers } from './services.form.ts';
import * as q from './services.queries.ts';
import { manifestOf, offeredAt, offeredServices } from './settings.service.ts';
import { toOwnerRequest } from './services.view.ts';

/** The call lines of a store: its services' hotline settings, the dealer's and the OEM's hotlines. */
const callsOf = async (ctx: Ctx, settings: readonly { settings: Record<string, string> }[]) => {
  const tenant = await q.tenantHotlines(ctx.db, ctx.tenantId);
  const calls = new Map<string, string>();
  for (const row of settings) for (const [key, number] of Object.entries(row.settings)) calls.set(key, number);
  if (tenant.dealer) calls.set('dealer', tenant.dealer);
  if (tenant.oem) calls.set('oem', tenant.oem);
  return [...calls].map(([key, number]) => ({ key, number }));
};

/** 车业务: the services the owner's dealer offers (in the catalogue's order), with the stores offering each. */
export const ownerServices = async (ctx: OwnerCtx): Promise<OwnerServices> => {
  const { stores, offered } = await offeredServices(ctx);
  // In the registry's order (catalogue/index.ts: the tiles' order), whatever order the settings rows come in.
  const items = catalogue
    .filter((plugin) => offered.some((r) => r.serviceId === plugin.id))
    .map((plugin) => {
      const { handler: _h, settings: _s, steps: _st, ...shown } = manifestOf(plugin);
      return { ...shown, storeIds: offered.filter((r) => r.serviceId === plugin.id).map((r) => r.storeId) };
    });
  const offering = stores.filter((s) => offered.some((r) => r.storeId === s.id));
  return {
    items,
    stores: await Promise.all(
      offering.map(async (s) => ({
        ...s,
        calls: await callsOf(
          ctx,
          offered.filter((r) => r.storeId === s.id),
        ),
      })),
    ),
  };
};

const ownRequest = async (ctx: OwnerCtx, id: string) => {
  const row = await q.findRequest(ctx.db, ctx.tenantId, id);
  // Only the account that asked: another owner's id is a 404, never a 403 (no probing).
  if (!row || row.r.ownerId !== ctx.actor.id) throw new AppError('NOT_FOUND');
  return row;
};

const ownerView = async (ctx: OwnerCtx, row: q.DetailRow): Promise<OwnerServiceRequest> => {
  const settings = (await q.settingsOf(ctx.db, ctx.tenantId, [row.r.storeId])).filter(
    (s) => s.serviceId === row.r.serviceId,
  );
  return toOwnerRequest(row, await q.eventsOf(ctx.db, ctx.tenantId, [row.r.id]), await callsOf(ctx, settings));
};

export const ownerRequests = async (ctx: OwnerCtx) => {
  const rows = await q.requestsOfOwner(ctx.db, ctx.tenantId, ctx.actor.id);
  const events = await q.eventsOf(
    ctx.db,
    ctx.tenantId,
    rows.map((r) => r.r.id),
  );
  return { items: rows.map((r) => toOwnerRequest(r, events, [])) };
};

export const ownerRequest = async (ctx: OwnerCtx, id: string) => ownerView(ctx, await ownRequest(ctx, id));

/** Where the phone is, only for a service that asks and only with consent; else the typed address is required. */
const placeOf = (
  fields: readonly { kind: string; key: string; fallback?: string }[],
  input: ReturnType<typeof serviceRequestInput.parse>,
  answers: Record<string, string | number | null>,
) => {
  const asks = fields.find((f) => f.kind === 'location');
  if (input.location) {
    if (!asks) throw AppError.field('location', 'service_location_unasked');
    if (!input.locationConsent) throw AppError.field('locationConsent', 'service_location_consent');
    return input.location;
  }
  if (asks?.fallback && !answers[asks.fallback]) throw AppError.field(`answers.${asks.fallback}`, 'service_address');
  return null;
};

/** The owner asks: checked against the manifest, its hooks run, the case queued for the handling role. */
export const createRequest = async (ctx: OwnerCtx, body: ServiceRequestInput): Promise<OwnerServiceRequest> => {
  const input = serviceRequestInput.parse(body);
  const plugin = pluginOf(input.serviceId);
  if (!plugin || plugin.opens) throw AppError.field('serviceId', 'service_unknown');
  if (!(await offeredAt(ctx, input.storeId, plugin.id))) throw AppError.field('storeId', 'service_not_offered');
  if (input.vehicleId && !(await q.isOwnersCar(ctx.db, ctx.tenantId, ctx.actor.id, input.vehicleId)))
    throw AppError.field('vehicleId', 'service_vehicle');
  const answers = checkAnswers(plugin.fields, input.answers, 'answers');
  const place = placeOf(plugin.fields, input, answers);
  const asksPhoto = plugin.fields.some((f) => f.kind === 'photo');
  if (input.photo && !asksPhoto) throw AppError.field('photo', 'service_field_unknown');
  const photo = input.photo ? await reencoded(input.photo) : null;
  const now = ctx.clock.now();
  const id = randomUUID();
  const hookCtx = pluginContext(ctx, plugin, { id, ownerId: ctx.actor.id });
  const [customerId] = await customersOfOwnerAccount(ctx);
  const values = {
    tenantId: ctx.tenantId,
    id,
    storeId: input.storeId,
    serviceId: plugin.id,
    ownerId: ctx.actor.id,
    customerId: customerId ?? null,
    vehicleId: input.vehicleId,
    handlerRole: plugin.handler,
    priority: plugin.priority,
    status: 'received',
    answers,
    locationLat: place?.lat ?? null,
    locationLng: place?.lng ?? null,
    locationAccuracy: place?.accuracy ?? null,
    locationConsentAt: place ? now : null,
    photo,
    current: {},
    dueAt: await dueOf(ctx, plugin, now),
    createdAt: now,
    updatedAt: now,
  };
  await plugin.hooks.onSubmit?.(hookCtx, pluginRequest({ ...values, closedAt: null }));
  await q.insertRequest(ctx.db, values);
  await q.insertEvent(ctx.db, { tenantId: ctx.tenantId, requestId: id, at: now, status: 'received', details: {} });
  await audit(ctx, {
    action: 'service.request_created',
    target: { type: 'service_request', id },
    details: { serviceId: plugin.id, storeId: input.storeId, location: place !== null },
  });
  publishAfterCommit(ctx, [ctx.actor.id], {
    type: 'service',
    data: { requestId: id, status: 'received', at: now.toISOString() },
  });
  return ownerRequest(ctx, id);
};

/** The owner withdraws a request nobody has acted on yet. */
export const ownerCancel = async (ctx: OwnerCtx, id: string) => {
  await ownRequest(ctx, id);
  const row = await q.lockRequest(ctx.db, ctx.tenantId, id);
  if (!row || row.status !== 'received') throw AppError.field('id', 'service_not_cancellable');
  const now = ctx.clock.now();
  await q.updateRequest(ctx.db, ctx.tenantId, id, { status: 'cancelled', closedAt: now, updatedAt: now });
  await q.insertEvent(ctx.db, {
    tenantId: ctx.tenantId,
    requestId: id,
    at: now,
    status: 'cancelled',
    details: { by: 'owner' },
  });
  await audit(ctx, { action: 'service.request_cancelled', target: { type: 'service_request', id } });
  publishAfterCommit(ctx, [ctx.actor.id], {
    type: 'service',
    data: { requestId: id, status: 'cancelled', at: now.toISOString() },
  });
  return { ok: true as const };
};
