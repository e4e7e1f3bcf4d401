import { defineService, field, l, noteField, plateField, replied } from '../define.ts';

/** 违章处理: the store looks up and settles the car's traffic violations. */
export const violations = defineService({
  id: 'violations',
  icon: 'warning',
  name: l('违章处理', 'Traffic violations'),
  description: l('查询并代办车辆违章', 'We look up and settle violations'),
  handler: 'cs_specialist',
  priority: 4,
  deadline: { businessHours: 16 },
  fields: [
    { ...plateField, required: true },
    field('count', 'number', l('已知违章条数', 'Known violations'), false, { min: 0, max: 99 }),
    noteField,
  ],
  steps: [
    replied(l('已查询', 'Looked up'), l('查询结果与费用', 'Findings and fees')),
    { key: 'done', label: l('已办结', 'Done'), fields: [] },
  ],
});
