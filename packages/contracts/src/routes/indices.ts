import { factorSet, factorSetInput, factorSetList, figures, figuresQuery, kpiQuery, kpis } from '../indices.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['indices'];

/** Satisfaction figures (CSAT, NPS, CSI, SSI, gap), the follow-up KPIs and the factor sets (docs/indices.md). */
export const indexRoutes = defineRoutes({
  /** CSAT, NPS, CSI, SSI and the gap per store / advisor / service type and week / month. */
  figures: {
    method: 'GET',
    path: '/indices/figures',
    auth: 'staff',
    permission: 'calls.supervise',
    query: figuresQuery,
    response: figures,
    tags,
  },
  /** The follow-up KPIs of ch3-4 §5 per store / agent / advisor and week / month, with the ranked reasons. */
  kpis: {
    method: 'GET',
    path: '/indices/kpis',
    auth: 'staff',
    permission: 'calls.supervise',
    query: kpiQuery,
    response: kpis,
    tags,
  },
  /** The same KPIs as a spreadsheet (two sheets: the KPIs and the dissatisfaction reasons). */
  exportKpis: {
    method: 'GET',
    path: '/indices/kpis.xlsx',
    auth: 'custom',
    permission: 'calls.supervise',
    query: kpiQuery,
    response: 'file',
    tags,
  },
  /** Every version of the tenant's CSI and SSI factor sets, newest first, the preset when none is saved. */
  factorSets: {
    method: 'GET',
    path: '/indices/factor-sets',
    auth: 'staff',
    permission: 'calls.supervise',
    response: factorSetList,
    tags,
  },
  /** A new version of a factor set (weights must sum to 100%); the one before is superseded, never edited. */
  saveFactorSet: {
    method: 'POST',
    path: '/indices/factor-sets',
    auth: 'staff',
    permission: 'survey.manage',
    body: factorSetInput,
    response: factorSet,
    status: 201,
    tags,
  },
});
