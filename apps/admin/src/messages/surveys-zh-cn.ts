/** 客户之声 › 问卷 (issue 14, What 4; docs/surveys.md). */
export const surveysZhCN = {
  'nav.surveys': '回访问卷',
  'action.questionnaire.created': '新建问卷',
  'action.questionnaire.published': '发布问卷版本',
  'action.survey.recorded': '记录问卷回答',
  'action.survey.answered': '车主提交问卷',
};
