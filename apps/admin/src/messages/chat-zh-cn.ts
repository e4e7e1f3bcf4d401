/** 咨询统计 (docs/chat.md). */
export const chatZhCN = {
  'nav.chatStats': '咨询统计',
  'chatStats.title': '咨询统计',
  'chatStats.subtitle': '车主在App中咨询顾问：每位员工回复等待中车主的速度，以及智能助手独立解决的问题占比',
  'chatStats.days': '近 {days} 天',
  'chatStats.waiting': '正在等待回复的会话',
  'chatStats.questions': '助手收到的问题',
  'chatStats.handedOver': '转给顾问的问题',
  'chatStats.closedRate': '助手解决率',
  'chatStats.staffTitle': '员工响应时间',
  'chatStats.staffHint': '从车主发出第一条未回复消息到员工回复的时间（分钟）；营业时间口径不计闭店时段。',
  'chatStats.staff': '员工',
  'chatStats.replies': '回复次数',
  'chatStats.median': '中位数（分钟）',
  'chatStats.p90': '90% 在（分钟）内',
  'chatStats.medianBusiness': '中位数·营业时间（分钟）',
  'chatStats.none': '这段时间没有员工回复等待中的车主',
} as const;
