import { dateField, defineService, field, l, noteField, option, plateField, replied } from '../define.ts';

/** 钥匙补配·代步车: a replacement key, or a rental car while the car is in the workshop. */
export const keyOrRental = defineService({
  id: 'key_or_rental',
  icon: 'key',
  name: l('钥匙补配·代步车', 'Spare key or rental car'),
  description: l('遗失钥匙补配，维修期间代步车', 'A replacement key, or a car while yours is in'),
  handler: 'service_advisor',
  priority: 3,
  deadline: { businessHours: 4 },
  fields: [
    plateField,
    field('need', 'select', l('需要', 'Need'), true, {
      options: [option('key', '补配钥匙', 'Replacement key'), option('rental', '代步车', 'Rental car')],
    }),
    dateField('需要日期', 'Date needed'),
    noteField,
  ],
  steps: [
    replied(l('已安排', 'Arranged'), l('安排说明', 'Arrangement')),
    { key: 'done', label: l('已完成', 'Done'), fields: [] },
  ],
});
