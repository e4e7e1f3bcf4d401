import type { Locale } from '@m4s/contracts';

/** Field messages of the cockpit: the morning view and the staff scorecard (docs/cockpit.md). */
export const cockpitMessages: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    score_weights_sum: '五项权重之和必须为100%',
    score_period: '考核期为年月，如 2026-12',
    score_period_future: '考核期不能晚于本月',
    store_unknown_cockpit: '没有这个门店',
    advisor_unknown: '该门店没有这位顾问',
  },
  en: {
    score_weights_sum: 'The five weights must add up to 100%',
    score_period: 'The period is a month, e.g. 2026-12',
    score_period_future: 'The period cannot be after this month',
    store_unknown_cockpit: 'There is no such store',
    advisor_unknown: 'The store has no such advisor',
  },
};
