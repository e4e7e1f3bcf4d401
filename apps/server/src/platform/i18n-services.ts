import type { Locale } from '@m4s/contracts';

/** Field messages of 车业务 (docs/services.md): the owner's forms and the staff's steps. */
export const serviceMessages: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    service_unknown: '没有这项服务',
    service_not_offered: '该门店暂未开通这项服务',
    service_setting_unknown: '这项服务没有这个设置',
    service_vehicle: '请选择您已绑定的车辆',
    service_field_unknown: '表单中没有这一项',
    service_option: '请从选项中选择',
    service_number: '请输入有效范围内的数字',
    service_too_long: '内容过长，请精简后再提交',
    service_location_unasked: '这项服务不需要您的位置',
    service_location_consent: '需要您同意后才能使用位置',
    service_address: '未共享位置时，请填写所在地址',
    service_rescue_open: '您已有一个进行中的救援请求，救援人员正在处理',
    service_not_cancellable: '门店已开始处理，无法取消；如需取消请致电门店',
    service_step_order: '请按顺序推进：只能进入下一步',
    service_closed: '该请求已结束',
  },
  en: {
    service_unknown: 'No such service',
    service_not_offered: 'This store does not offer this service yet',
    service_setting_unknown: 'This service has no such setting',
    service_vehicle: 'Choose one of your confirmed cars',
    service_field_unknown: 'The form has no such field',
    service_option: 'Choose one of the options',
    service_number: 'Enter a number within the allowed range',
    service_too_long: 'Too long; shorten it and try again',
    service_location_unasked: 'This service does not ask for your position',
    service_location_consent: 'Your position is used only with your consent',
    service_address: 'Without your position, enter the address where you are',
    service_rescue_open: 'You already have a rescue under way; the team is on it',
    service_not_cancellable: 'The store has started on it; call the store to cancel',
    service_step_order: 'Steps go in order: only the next one',
    service_closed: 'This request has ended',
  },
};
