import { defineService, field, l, noteField, plateField, replied } from '../define.ts';

/** 置换评估: a sales consultant appraises the car for a trade-in. */
export const tradeIn = defineService({
  id: 'trade_in',
  icon: 'swap',
  name: l('置换评估', 'Trade-in appraisal'),
  description: l('旧车评估，置换新车享补贴', 'An appraisal of your car for a trade-in'),
  handler: 'sales_consultant',
  priority: 3,
  deadline: { businessHours: 8 },
  fields: [
    plateField,
    field('km', 'number', l('当前里程（公里）', 'Odometer (km)'), true, { min: 0, max: 2_000_000 }),
    field('photo', 'photo', l('车辆照片', 'Photo of the car'), false),
    noteField,
  ],
  steps: [
    replied(l('已评估', 'Appraised'), l('评估价与说明', 'Appraisal and notes')),
    { key: 'done', label: l('已完成', 'Done'), fields: [] },
  ],
});
