import { defineService, field, l, noteField, plateField, replied } from '../define.ts';

/** 延保服务: an extended-warranty offer for the car. */
export const warranty = defineService({
  id: 'warranty',
  icon: 'award',
  name: l('延保服务', 'Extended warranty'),
  description: l('原厂延保方案咨询与办理', 'Extended-warranty plans'),
  handler: 'service_advisor',
  priority: 4,
  deadline: { businessHours: 16 },
  fields: [
    plateField,
    field('km', 'number', l('当前里程（公里）', 'Odometer (km)'), false, { min: 0, max: 2_000_000 }),
    noteField,
  ],
  steps: [
    replied(l('已报价', 'Quoted'), l('延保方案与价格', 'Plan and price')),
    { key: 'done', label: l('已办理', 'Done'), fields: [] },
  ],
});
