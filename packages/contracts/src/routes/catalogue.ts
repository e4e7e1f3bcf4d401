import { brandParams, carBrandList, carModelList, carSeriesList, seriesParams } from '../catalogue.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['catalogue'];

/** Global reference data: any signed-in staff member reads it (no permission). */
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
});
