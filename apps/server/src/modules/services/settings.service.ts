import { hotline, type ServiceManifest, type StoreServiceInput, type StoreServices } from '@m4s/contracts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/errors.ts';
import type { ServicePlugin } from './catalogue/define.ts';
import { catalogue, pluginOf } from './catalogue/index.ts';
import * as q from './services.queries.ts';

/** What an app sees of a plugin: the manifest without its hooks. */
export const manifestOf = ({ hooks: _hooks, ...manifest }: ServicePlugin): ServiceManifest => manifest;

export const serviceCatalogue = () => ({ items: catalogue.map(manifestOf) });

/** The required settings a store has not filled for this service (it is not offered until they are). */
export const missingSettings = (plugin: ServicePlugin, settings: Record<string, string>) =>
  plugin.settings.filter((s) => s.required && !settings[s.key]?.trim()).map((s) => s.key);

const storeOf = async (ctx: StaffCtx, storeId: string) => {
  const [store] = await q.openStores(ctx.db, ctx.tenantId, storeId);
  if (!store) throw new AppError('NOT_FOUND');
  // A store's manager switches their own store's services; the group's admin any store's.
  authorize(ctx.actor, 'services.manage', { storeId });
  return store;
};

export const storeServices = async (ctx: StaffCtx, storeId: string): Promise<StoreServices> => {
  await storeOf(ctx, storeId);
  const rows = await q.settingsOf(ctx.db, ctx.tenantId, [storeId]);
  return {
    storeId,
    items: catalogue.map((plugin) => {
      const row = rows.find((r) => r.serviceId === plugin.id);
      const settings = row?.settings ?? {};
      const missing = missingSettings(plugin, settings);
      const enabled = row?.enabled ?? false;
      return { serviceId: plugin.id, enabled, settings, offered: enabled && missing.length === 0, missing };
    }),
  };
};

/** Switches a service on or off for a store with its settings: unknown keys and malformed numbers are a 400. */
export const setStoreService = async (ctx: StaffCtx, storeId: string, input: StoreServiceInput) => {
  await storeOf(ctx, storeId);
  const plugin = pluginOf(input.serviceId);
  if (!plugin) throw AppError.field('serviceId', 'service_unknown');
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.settings)) {
    const spec = plugin.settings.find((s) => s.key === key);
    if (!spec) throw AppError.field(`settings.${key}`, 'service_setting_unknown');
    if (value === '') continue;
    if (spec.kind === 'hotline' && !hotline.safeParse(value).success)
      throw AppError.field(`settings.${key}`, 'hotline');
    settings[key] = value;
  }
  await q.putSetting(ctx.db, {
    tenantId: ctx.tenantId,
    storeId,
    serviceId: plugin.id,
    enabled: input.enabled,
    settings,
    updatedBy: ctx.actor.id,
    updatedAt: ctx.clock.now(),
  });
  await audit(ctx, {
    action: 'service.store_setting_changed',
    target: { type: 'store', id: storeId },
    details: { serviceId: plugin.id, enabled: input.enabled, settings: Object.keys(settings) },
  });
  return storeServices(ctx, storeId);
};

/** Per open store, the services its owners are offered (switched on, settings complete) with the settings. */
export const offeredServices = async (ctx: Ctx) => {
  const stores = await q.openStores(ctx.db, ctx.tenantId);
  const rows = await q.settingsOf(
    ctx.db,
    ctx.tenantId,
    stores.map((s) => s.id),
  );
  const offered = rows.filter((r) => {
    const plugin = pluginOf(r.serviceId);
    return r.enabled && plugin && missingSettings(plugin, r.settings).length === 0;
  });
  return { stores, offered };
};

/** Is this service offered at this store (for the owner's request)? Its settings when it is. */
export const offeredAt = async (ctx: Ctx, storeId: string, serviceId: string) => {
  const [store] = await q.openStores(ctx.db, ctx.tenantId, storeId);
  const plugin = pluginOf(serviceId);
  if (!store || !plugin) return null;
  const [row] = (await q.settingsOf(ctx.db, ctx.tenantId, [storeId])).filter((r) => r.serviceId === serviceId);
  if (!row?.enabled || missingSettings(plugin, row.settings).length > 0) return null;
  return { store, plugin, settings: row.settings };
};
