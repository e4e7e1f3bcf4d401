import type { Locale } from '@m4s/contracts';

/** Field messages of service recovery (docs/recovery.md); i18n.ts's fieldMessages takes them in. */
export const recoveryMessages: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    recovery_action_required: '请填写已采取的补救措施，才能关闭预警',
    recovery_reaction_required: '请填写客户对处理结果的反应，才能关闭预警',
    recovery_reaction_code_required: '请选择客户的反应：满意、接受或仍不满意',
    recovery_closed: '该预警已关闭，不能再次关闭',
    survey_outcome_needs_task: '随问卷记录回访结果时必须指明回访任务',
  },
  en: {
    recovery_action_required: 'Say what was done before closing the alert',
    recovery_reaction_required: "Record the customer's reaction before closing the alert",
    recovery_reaction_code_required: "Choose the customer's reaction: satisfied, accepted or still dissatisfied",
    recovery_closed: 'This alert is closed already',
    survey_outcome_needs_task: 'A call outcome recorded with the answers needs the call task',
  },
};
