import { dateField, defineService, field, l, noteField, option, plateField } from '../define.ts';

/** 上门取送车: a driver collects the car for its service and brings it back. */
export const pickup = defineService({
  id: 'pickup',
  icon: 'truck',
  name: l('上门取送车', 'Pickup & delivery'),
  description: l('专人上门取车，保养后送回', 'We collect your car and bring it back'),
  handler: 'service_advisor',
  priority: 3,
  deadline: { businessHours: 2 },
  fields: [
    plateField,
    field('direction', 'select', l('服务', 'Service'), true, {
      options: [
        option('both', '取车+送车', 'Collect and return'),
        option('pickup', '仅取车', 'Collect only'),
        option('delivery', '仅送车', 'Return only'),
      ],
    }),
    field('address', 'textarea', l('取送地址', 'Address'), true, { max: 200 }),
    dateField('日期', 'Date'),
    noteField,
  ],
  steps: [
    {
      key: 'dispatched',
      label: l('已派司机', 'Driver assigned'),
      fields: [
        field('driver', 'text', l('取送司机', 'Driver'), true, { max: 20 }),
        field('driverPhone', 'phone', l('司机电话', "Driver's phone"), false),
      ],
    },
    { key: 'done', label: l('已完成', 'Done'), fields: [] },
  ],
});
