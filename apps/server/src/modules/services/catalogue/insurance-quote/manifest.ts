import { dateField, defineService, field, l, noteField, option, plateField, replied } from '../define.ts';

/** 续保报价: the insurance specialist answers with a quote before the policy ends. */
export const insuranceQuote = defineService({
  id: 'insurance_quote',
  icon: 'shield',
  name: l('续保报价', 'Insurance renewal quote'),
  description: l('保单到期前获取续保方案和报价', 'A renewal quote before your policy ends'),
  handler: 'cs_specialist',
  priority: 3,
  deadline: { businessHours: 8 },
  fields: [
    plateField,
    dateField('保单到期日', 'Policy end date'),
    field('cover', 'select', l('希望的保障', 'Cover wanted'), true, {
      options: [
        option('same', '与去年相同', 'Same as last year'),
        option('basic', '交强险+三者险', 'Compulsory + third party'),
        option('full', '全险', 'Comprehensive'),
      ],
    }),
    noteField,
  ],
  steps: [
    replied(l('已报价', 'Quoted'), l('报价与方案', 'Quote and plan')),
    { key: 'done', label: l('已完成', 'Done'), fields: [] },
  ],
});
