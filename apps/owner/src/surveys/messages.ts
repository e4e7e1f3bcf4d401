// 服务评价问卷 (the owner's survey after delivery, docs/surveys.md): spread into the owner app's dictionary.
export const surveyZhCN = {
  'survey.title': '服务评价',
  'survey.intro': '感谢您在{store}的信任。以下问题约需1分钟，您的意见将直接反馈给门店。',
  'survey.required': '必答',
  'survey.other': '请注明',
  'survey.reason': '请写明原因',
  'survey.submit': '提交问卷',
  'survey.failed': '提交失败，请稍后重试',
  'survey.done': '感谢您的反馈！',
  'survey.doneHint': '您的意见已提交给门店，我们会认真改进。',
  'survey.notFoundTitle': '找不到该问卷',
  'survey.notFoundHint': '问卷链接只对受邀的车主有效。',
  'survey.continue': '继续完成服务评价问卷',
  'survey.low': '非常不满意',
  'survey.high': '非常满意',
};

export const surveyEn: Record<keyof typeof surveyZhCN, string> = {
  'survey.title': 'Your feedback',
  'survey.intro': 'Thank you for trusting {store}. These questions take about a minute; the store reads every answer.',
  'survey.required': 'Required',
  'survey.other': 'Please say what',
  'survey.reason': 'Please give the reason',
  'survey.submit': 'Send',
  'survey.failed': 'That did not go through; please try again',
  'survey.done': 'Thank you for your feedback!',
  'survey.doneHint': 'Your answers have gone to the store.',
  'survey.notFoundTitle': 'Survey not found',
  'survey.notFoundHint': 'A survey link works only for the owner it was sent to.',
  'survey.continue': 'Finish the feedback survey',
  'survey.low': 'Very poor',
  'survey.high': 'Excellent',
};
