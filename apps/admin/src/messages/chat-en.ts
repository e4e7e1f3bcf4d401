import type { chatZhCN } from './chat-zh-cn.ts';

/** Chat figures (docs/chat.md). */
export const chatEn: Record<keyof typeof chatZhCN, string> = {
  'nav.chatStats': 'Chat figures',
  'chatStats.title': 'Chat figures',
  'chatStats.subtitle':
    'Owners asking their advisors in the app: how fast each staff member answers a waiting owner, and the share of questions the assistant closed alone',
  'chatStats.days': 'Last {days} days',
  'chatStats.waiting': 'Conversations waiting for an answer',
  'chatStats.questions': 'Questions to the assistant',
  'chatStats.handedOver': 'Handed to an advisor',
  'chatStats.closedRate': 'Closed by the assistant',
  'chatStats.staffTitle': 'Response times per staff member',
  'chatStats.staffHint':
    "From the owner's first unanswered message to the staff member's answer (minutes); the business-hours figure leaves out closed hours.",
  'chatStats.staff': 'Staff member',
  'chatStats.replies': 'Answers',
  'chatStats.median': 'Median (min)',
  'chatStats.p90': '90% within (min)',
  'chatStats.medianBusiness': 'Median, business hours (min)',
  'chatStats.none': 'No staff member answered a waiting owner in this period',
};
