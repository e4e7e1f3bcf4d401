import { kpiDefinition, type KpiUnit } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';

/** A KPI value in its unit: 45.45%, 4.00 次, ¥1,000.00, 52. */
export const formatKpi = (unit: KpiUnit, value: number | null, times: string) => {
  if (value === null) return '—';
  if (unit === 'percent') return `${value.toFixed(2)}%`;
  if (unit === 'times') return `${value.toFixed(2)} ${times}`;
  if (unit === 'yuan')
    return `¥${value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return value.toFixed(1);
};

/** The KPI's name in the user's language, and a formatter for its values. */
export const useKpiText = () => {
  const { t, locale } = useI18n();
  return {
    name: (id: string) => kpiDefinition(id)?.name[locale === 'en' ? 'en' : 'zh-CN'] ?? id,
    formula: (id: string) => kpiDefinition(id)?.formula[locale === 'en' ? 'en' : 'zh-CN'] ?? '',
    value: (id: string, v: number | null) => formatKpi(kpiDefinition(id)?.unit ?? 'percent', v, t('kpis.times')),
  };
};
