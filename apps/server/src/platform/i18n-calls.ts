import type { Locale } from '@m4s/contracts';

/** Field messages of the call centre (docs/calls.md); i18n.ts's fieldMessages takes them in. */
export const callMessages: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    call_state_completed: '该回访已完成，不能再记录结果',
    call_state_unreachable: '该回访已因多次无人接听关闭，不能再记录结果',
    call_state_bad_number: '该回访已因号码无效关闭（已转销售和售后核实），不能再记录结果',
    call_state_refused: '客户已拒绝回访，该回访已关闭，不能再记录结果',
    call_state_expired: '该回访已超过回访期限并过期，不能再记录结果',
    call_state_cancelled: '该回访已取消，不能再记录结果',
    call_state_data_fix: '这是核实客户资料的任务，不是回访电话',
    call_attempt_conflict: '另一位同事刚刚记录了这通回访的结果，请刷新后查看',
    call_callback_past: '约定的回电时间必须晚于现在',
    call_callback_far: '约定的回电时间不能超过60天',
    call_due_past: '回访时间不能早于现在',
    call_vehicle_not_customers: '该车辆不属于此客户，请从客户名下的车辆中选择',
  },
  en: {
    call_state_completed: 'This follow-up call is completed; no further outcome can be recorded',
    call_state_unreachable:
      'This call was closed as unreachable after repeated no-answers; no further outcome can be recorded',
    call_state_bad_number:
      'This call was closed for an invalid number (handed to sales and after-sales); no further outcome can be recorded',
    call_state_refused: 'The customer refused the follow-up; the call is closed and takes no further outcome',
    call_state_expired: 'This call passed its follow-up window and expired; no further outcome can be recorded',
    call_state_cancelled: 'This call was cancelled; no further outcome can be recorded',
    call_state_data_fix: 'This is a task to fix the customer’s record, not a call',
    call_attempt_conflict: 'A colleague has just recorded an outcome for this call; reload to see it',
    call_callback_past: 'The agreed time must be later than now',
    call_callback_far: 'The agreed time cannot be more than 60 days ahead',
    call_due_past: 'The call cannot be due before now',
    call_vehicle_not_customers: 'This car does not belong to the customer; choose one of their cars',
  },
};
