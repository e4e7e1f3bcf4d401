import { dateField, defineService, field, l, noteField, option, plateField } from '../define.ts';

/** 洗车美容: a wash or detailing slot at the store. */
export const carWash = defineService({
  id: 'car_wash',
  icon: 'drop',
  name: l('洗车美容', 'Car wash'),
  description: l('精洗、打蜡、内饰清洁', 'Wash, wax and interior cleaning'),
  handler: 'service_advisor',
  priority: 5,
  deadline: { businessHours: 4 },
  fields: [
    plateField,
    field('kind', 'select', l('项目', 'What'), true, {
      options: [
        option('wash', '精洗', 'Wash'),
        option('wax', '打蜡', 'Wax'),
        option('interior', '内饰清洁', 'Interior'),
      ],
    }),
    dateField('希望日期', 'Preferred date'),
    noteField,
  ],
  steps: [
    { key: 'confirmed', label: l('已确认', 'Confirmed'), fields: [] },
    { key: 'done', label: l('已完成', 'Done'), fields: [] },
  ],
});
