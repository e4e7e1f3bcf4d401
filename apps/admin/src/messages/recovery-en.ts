import type { recoveryZhCN } from './recovery-zh-cn.ts';

export const recoveryEn: Record<keyof typeof recoveryZhCN, string> = {
  'action.recovery.opened': 'Hot alert opened',
  'action.recovery.escalated': 'Hot alert escalated (late)',
  'action.recovery.closed': 'Hot alert closed',
  'action.recovery.follow_up_answered': 'Recovery follow-up answered',
  'action.recovery.policy_updated': 'Recovery settings changed',
};
