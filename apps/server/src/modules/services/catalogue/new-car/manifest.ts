import { dateField, defineService, field, l, noteField, option, replied } from '../define.ts';

/** 新车咨询与试驾: handed to sales (a referral lead is still made with the referrer's code, docs/referrals.md). */
export const newCar = defineService({
  id: 'new_car',
  icon: 'car',
  name: l('新车咨询·试驾', 'New car & test drive'),
  description: l('了解新车型，预约试驾', 'Ask about new models, book a test drive'),
  handler: 'sales_consultant',
  priority: 2,
  deadline: { businessHours: 2 },
  fields: [
    field('model', 'text', l('感兴趣的车型', 'Model of interest'), true, { max: 40 }),
    field('want', 'select', l('需求', 'What you would like'), true, {
      options: [
        option('inquiry', '咨询价格与配置', 'Prices and options'),
        option('test_drive', '预约试驾', 'A test drive'),
      ],
    }),
    dateField('希望到店日期', 'Preferred date', false),
    noteField,
  ],
  steps: [
    replied(l('已联系', 'Contacted'), l('顾问回复', "Consultant's reply")),
    { key: 'done', label: l('已完成', 'Done'), fields: [] },
  ],
});
