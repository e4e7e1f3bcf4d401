import { defineService, field, l, noteField, plateField, replied } from '../define.ts';

/** 精品附件: accessories ordered and fitted at the store. */
export const accessories = defineService({
  id: 'accessories',
  icon: 'gift',
  name: l('精品附件', 'Accessories'),
  description: l('原厂精品选购与加装', 'Genuine accessories, fitted'),
  handler: 'service_advisor',
  priority: 4,
  deadline: { businessHours: 16 },
  fields: [plateField, field('item', 'text', l('想要的精品', 'What you would like'), true, { max: 100 }), noteField],
  steps: [
    replied(l('已报价', 'Quoted'), l('价格与到货时间', 'Price and delivery')),
    { key: 'done', label: l('已完成', 'Done'), fields: [] },
  ],
});
