/** 指标体系 (issue 18; docs/kpis.md). */
export const kpisZhCN = {
  'nav.kpis': '指标体系',
  'action.kpi.target_set': '设置指标目标',
  'action.kpi.plan_created': '创建改进计划',
  'action.kpi.plan_updated': '更新改进计划',
  'action.kpi.drill_exported': '导出指标明细',
};
