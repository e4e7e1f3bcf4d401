import type { kpisZhCN } from './kpis-zh-cn.ts';

/** KPI system (issue 18; docs/kpis.md). */
export const kpisEn: Record<keyof typeof kpisZhCN, string> = {
  'nav.kpis': 'KPI system',
  'action.kpi.target_set': 'KPI target set',
  'action.kpi.plan_created': 'Improvement plan created',
  'action.kpi.plan_updated': 'Improvement plan updated',
  'action.kpi.drill_exported': 'KPI detail exported',
};
