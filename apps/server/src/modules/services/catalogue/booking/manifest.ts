import { defineService, l } from '../define.ts';

/** 预约保养: the existing booking flow, registered as a plugin (its tile opens /book; bookings are its cases). */
export const booking = defineService({
  id: 'booking',
  icon: 'calendar',
  name: l('预约保养', 'Book service'),
  description: l('在线选择门店和时段，到店免排队', 'Pick a store and a time; no queue at the desk'),
  handler: 'service_advisor',
  priority: 3,
  deadline: { businessHours: 4 },
  fields: [],
  opens: '/book',
});
