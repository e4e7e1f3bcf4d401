import type { surveysZhCN } from './surveys-zh-cn.ts';

export const surveysEn: Record<keyof typeof surveysZhCN, string> = {
  'nav.surveys': 'Questionnaires',
  'action.questionnaire.created': 'Questionnaire created',
  'action.questionnaire.published': 'Questionnaire version published',
  'action.survey.recorded': 'Survey answers recorded',
  'action.survey.answered': 'Owner answered a survey',
};
