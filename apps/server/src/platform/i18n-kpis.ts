import type { Locale } from '@m4s/contracts';

/** Field messages of the KPI system (docs/kpis.md) and its monthly report (docs/reports.md). */
export const kpiMessages: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    kpi_unknown: '没有这个指标',
    kpi_no_drill: '该指标的明细在“满意度与回访”中查看',
    kpi_no_breakdown: '该指标按门店、顾问的分解在“满意度与回访”中查看',
    report_month_not_over: '只能为已经结束的月份生成月度报告',
    report_month_too_old: '只能生成最近23个月的月度报告',
  },
  en: {
    kpi_unknown: 'There is no such KPI',
    kpi_no_drill: 'This KPI’s detail is under Satisfaction & follow-up',
    kpi_no_breakdown: 'This KPI’s breakdown is under Satisfaction & follow-up',
    report_month_not_over: 'A monthly report can only be made for a month that is over',
    report_month_too_old: 'Monthly reports reach back 23 months at most',
  },
};
