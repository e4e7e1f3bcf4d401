import type { QuestionnairePurpose, SurveyDefinitionInput } from '@m4s/contracts';
import { activityTemplate, delivery7dayTemplate, repairFollowupTemplate, salesFollowupTemplate } from './followups.ts';
import { postServiceTemplate } from './post-service.ts';

export type Template = {
  key: string;
  purpose: QuestionnairePurpose;
  name: string;
  /** The owner app's post-delivery survey (one per tenant). */
  ownerSurvey: boolean;
  definition: SurveyDefinitionInput;
};

/** The textbook's questionnaires every tenant gets (docs/surveys.md). Keys never change: installs key on them. */
export const templates: readonly Template[] = [
  {
    key: 'sales_followup',
    purpose: 'sales_followup',
    name: '销售回访',
    ownerSurvey: false,
    definition: salesFollowupTemplate,
  },
  {
    key: 'repair_followup',
    purpose: 'repair_followup',
    name: '维修回访（交车后满意度）',
    ownerSurvey: true,
    definition: repairFollowupTemplate,
  },
  {
    key: 'delivery_7day',
    purpose: 'delivery_7day',
    name: '交车后七日回访',
    ownerSurvey: false,
    definition: delivery7dayTemplate,
  },
  {
    key: 'post_service',
    purpose: 'post_service',
    name: '售后服务调研问卷（附录C）',
    ownerSurvey: false,
    definition: postServiceTemplate,
  },
  {
    key: 'activity',
    purpose: 'activity',
    name: '客户管理活动满意度',
    ownerSurvey: false,
    definition: activityTemplate,
  },
];
