import { dateField, defineService, field, l, noteField, plateField, replied } from '../define.ts';

/** 年检代办: the store takes the car through the annual inspection. */
export const inspection = defineService({
  id: 'inspection',
  icon: 'check',
  name: l('年检代办', 'Annual inspection'),
  description: l('门店代您办理车辆年检', 'We take your car through its inspection'),
  handler: 'service_advisor',
  priority: 3,
  deadline: { businessHours: 8 },
  fields: [
    plateField,
    dateField('希望办理日期', 'Preferred date'),
    field('pickup', 'text', l('交车地点', 'Where we collect the car'), false, { max: 100 }),
    noteField,
  ],
  steps: [
    replied(l('已预约', 'Scheduled'), l('办理安排', 'Arrangement')),
    { key: 'done', label: l('已办结', 'Done'), fields: [] },
  ],
});
