import type { ServiceIntervalList, serviceIntervalInput } from '@m4s/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import * as q from './intervals.queries.ts';
import { defaultIntervals } from './next-service.ts';

/**
 * 保养间隔: the tenant's maintenance intervals per brand and series (service_intervals). The forecast
 * (segments/vehicle-sql.ts, garage next-service.ts) takes a car's series row, else its brand's, else the
 * platform's defaults. Permission service.setup, as the service catalogue.
 */
export const listIntervals = async (ctx: StaffCtx): Promise<ServiceIntervalList> => {
  const rows = await q.intervalRows(ctx.db, ctx.tenantId);
  return {
    defaults: defaultIntervals,
    items: rows.map(({ i, brandName, seriesName }) => ({
      id: i.id,
      brandId: i.brandId,
      brandName,
      seriesId: i.seriesId,
      seriesName,
      first: { months: i.firstMonths, km: i.firstKm },
      later: { months: i.laterMonths, km: i.laterKm },
      updatedAt: i.updatedAt.toISOString(),
    })),
  };
};

export const saveInterval = async (
  ctx: StaffCtx,
  input: z.output<typeof serviceIntervalInput>,
): Promise<ServiceIntervalList> => {
  if (!(await q.brandExists(ctx.db, input.brandId))) throw AppError.field('brandId', 'interval_brand_unknown');
  const seriesId = input.seriesId;
  if (seriesId && !(await q.seriesOfBrand(ctx.db, input.brandId, seriesId)))
    throw AppError.field('seriesId', 'interval_series_unknown');
  const id = await q.upsertInterval(ctx.db, ctx.tenantId, {
    brandId: input.brandId,
    seriesId,
    firstMonths: input.first.months,
    firstKm: input.first.km,
    laterMonths: input.later.months,
    laterKm: input.later.km,
    updatedBy: ctx.actor.id,
    updatedAt: ctx.clock.now(),
  });
  await q.markForecastsStale(ctx.db, ctx.tenantId);
  await audit(ctx, {
    action: 'service_interval.saved',
    target: { type: 'service_interval', id },
    details: { brandId: input.brandId, seriesId, first: input.first, later: input.later },
  });
  return listIntervals(ctx);
};

export const removeInterval = async (ctx: StaffCtx, id: string): Promise<ServiceIntervalList> => {
  const removed = await q.deleteInterval(ctx.db, ctx.tenantId, id);
  if (!removed) throw new AppError('NOT_FOUND', undefined, { issues: [{ path: 'id', message: 'interval_unknown' }] });
  await q.markForecastsStale(ctx.db, ctx.tenantId);
  await audit(ctx, { action: 'service_interval.removed', target: { type: 'service_interval', id }, details: removed });
  return listIntervals(ctx);
};
