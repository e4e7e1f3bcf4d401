import { defineService, field, l, noteField, option, plateField } from '../define.ts';
import { rescueHooks } from './hooks.ts';

/**
 * 道路救援: the phone's position (only with consent; a typed address when refused), a photo, call buttons for the
 * store's rescue line and the OEM's hotline; the highest priority, 30 minutes around the clock to dispatch.
 */
export const rescue = defineService({
  id: 'rescue',
  icon: 'rescue',
  name: l('道路救援', 'Roadside rescue'),
  description: l('故障、事故、亏电、爆胎，一键呼叫救援', 'Breakdown, accident, flat battery or tyre: call for help'),
  handler: 'service_advisor',
  priority: 1,
  deadline: { minutes: 30 },
  settings: [{ key: 'rescueLine', kind: 'hotline', label: l('门店救援电话', "Store's rescue line"), required: true }],
  calls: ['rescueLine', 'oem'],
  fields: [
    field('trouble', 'select', l('遇到的问题', 'What happened'), true, {
      options: [
        option('breakdown', '车辆故障无法行驶', 'Breakdown'),
        option('accident', '交通事故', 'Accident'),
        option('battery', '亏电无法启动', 'Flat battery'),
        option('tyre', '爆胎/缺气', 'Flat tyre'),
        option('fuel', '缺油/缺电', 'Out of fuel or charge'),
        option('other', '其他', 'Other'),
      ],
    }),
    field('location', 'location', l('您的位置', 'Your position'), false, { fallback: 'address' }),
    field('address', 'textarea', l('所在地址（无法定位时填写）', 'Address (when the position is not shared)'), false, {
      max: 200,
    }),
    field('photo', 'photo', l('现场照片', 'Photo of the scene'), false),
    plateField,
    field('contact', 'phone', l('联系电话', 'Contact phone'), true),
    noteField,
  ],
  steps: [
    {
      key: 'dispatched',
      label: l('已派车', 'Dispatched'),
      fields: [
        field('driver', 'text', l('救援司机', 'Driver'), true, { max: 20 }),
        field('driverPhone', 'phone', l('司机电话', "Driver's phone"), false),
        field('etaMinutes', 'number', l('预计到达（分钟）', 'ETA (minutes)'), true, { min: 1, max: 600 }),
      ],
    },
    { key: 'arrived', label: l('已到达', 'Arrived'), fields: [] },
    { key: 'done', label: l('已完成', 'Done'), fields: [noteField] },
  ],
  hooks: rescueHooks,
});
