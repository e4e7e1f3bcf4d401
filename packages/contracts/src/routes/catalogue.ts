import {
  brandParams,
  carBrandList,
  carModel,
  carModelList,
  carSeries,
  carSeriesList,
  newModelInput,
  newSeriesInput,
  seriesParams,
} from '../catalogue.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['catalogue'];

/**
 * The catalogue: global reference data and the tenant's own additions. Any signed-in staff member reads
 * it (no permission); adding a series or model is set-up work (service.setup), audited.
 */
export const catalogueRoutes = defineRoutes({
  brands: { method: 'GET', path: '/catalogue/brands', auth: 'staff', response: carBrandList, tags },
  series: {
    method: 'GET',
    path: '/catalogue/brands/:brandId/series',
    auth: 'staff',
    params: brandParams,
    response: carSeriesList,
    tags,
  },
  models: {
    method: 'GET',
    path: '/catalogue/series/:seriesId/models',
    auth: 'staff',
    params: seriesParams,
    response: carModelList,
    tags,
  },
  addSeries: {
    method: 'POST',
    path: '/catalogue/series',
    auth: 'staff',
    permission: 'service.setup',
    body: newSeriesInput,
    response: carSeries,
    status: 201,
    tags,
  },
  addModel: {
    method: 'POST',
    path: '/catalogue/models',
    auth: 'staff',
    permission: 'service.setup',
    body: newModelInput,
    response: carModel,
    status: 201,
    tags,
  },
});
