/** Service recovery's audit actions (issue 14, What 7; docs/recovery.md). */
export const recoveryZhCN = {
  'action.recovery.opened': '生成服务补救预警',
  'action.recovery.escalated': '服务补救预警逾期升级',
  'action.recovery.closed': '关闭服务补救预警',
  'action.recovery.follow_up_answered': '记录服务补救回访结果',
  'action.recovery.policy_updated': '修改服务补救设置',
};
