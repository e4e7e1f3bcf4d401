import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { addBusinessHours } from '../../platform/time/work-calendar.ts';
import { addDays } from '../../platform/time/zone.ts';
import { tenantWorkCalendar } from '../calendar/calendar.service.ts';
import { postInbox } from '../inbox/inbox.service.ts';
import type { PluginContext, PluginRequest, ServicePlugin } from './catalogue/define.ts';
import * as q from './services.queries.ts';

export const pluginRequest = (r: q.RequestRow): PluginRequest => ({
  id: r.id,
  storeId: r.storeId,
  ownerId: r.ownerId,
  status: r.status,
  answers: r.answers,
  current: r.current,
  hasLocation: r.locationLat !== null,
});

/**
 * What a plugin's hooks are given: a reader bound to the tenant of the request and to the plugin's own service
 * id (there is no way to pass another), and the asking owner's message centre.
 */
export const pluginContext = (
  ctx: Ctx,
  plugin: ServicePlugin,
  request: { id: string; ownerId: string | null },
): PluginContext => ({
  cases: {
    openOfOwner: async (id) => (await q.openOfOwner(ctx.db, ctx.tenantId, plugin.id, id)).map(pluginRequest),
  },
  notifyOwner: async (message) => {
    if (!request.ownerId) return;
    await postInbox(ctx, request.ownerId, {
      kind: 'transactional',
      topic: `service_${plugin.id}`,
      title: message.title,
      body: message.body,
      link: `/services/requests/${request.id}`,
    });
  },
  refuse: (field, key) => {
    throw AppError.field(field, key);
  },
});

/** The case's deadline: wall-clock minutes, or business hours of the tenant's working calendar. */
export const dueOf = async (ctx: Ctx, plugin: ServicePlugin, now: Date): Promise<Date> => {
  if ('minutes' in plugin.deadline) return new Date(now.getTime() + plugin.deadline.minutes * 60_000);
  const day = now.toISOString().slice(0, 10);
  const cal = await tenantWorkCalendar(ctx, { from: addDays(day, -2), to: addDays(day, 45) });
  return addBusinessHours(cal, now, plugin.deadline.businessHours);
};
