import { errorMessages, type ErrorCode, type Locale } from '@m4s/contracts';

/** zh-CN unless the client asks for English first. */
export const localeOf = (acceptLanguage: string | undefined): Locale => {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
};

export const errorMessage = (locale: Locale, code: ErrorCode): string => errorMessages[locale][code];

/** Field messages keyed by the `message` our schemas set (`phone`, `login`…) or zod's issue code. */
const fieldMessages: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    phone: '请输入11位手机号',
    hotline: '请输入有效的电话号码',
    slug: '标识只能包含小写字母、数字和连字符',
    color: '颜色格式应为 #RRGGBB',
    time: '时间格式应为 HH:MM',
    period_order: '结束时间应晚于开始时间',
    period_overlap: '与同一天的其他时段重叠',
    store_code: '门店编码为2–16位字母、数字或连字符',
    login: '登录名为3–32位小写字母、数字或 . _ -',
    password: '密码至少8位',
    otp: '验证码为6位数字',
    logo_size: '图片不能超过200KB',
    logo_format: '请上传 PNG、JPEG、SVG 或 WebP 图片',
    store_required: '该角色必须归属一个门店',
    store_unknown: '门店不存在',
    store_code_taken: '该门店编码已被使用',
    login_taken: '该登录名已被使用',
    phone_taken: '该手机号已被使用',
    role_not_allowed: '您不能分配该角色',
    password_wrong: '当前密码不正确',
    phone_required: '至少填写一个手机号',
    date: '日期格式应为 YYYY-MM-DD',
    id_number: '证件号码为15–18位数字或大写字母',
    vin_length: '车架号（VIN）应为17位',
    vin_characters: '车架号只能包含数字和字母，且不含 I、O、Q',
    vin_check_digit: '车架号校验位（第9位）不符，请核对是否录入有误',
    plate: '请输入有效的车牌号，如 沪A12345 或新能源车牌 沪AD12345',
    catalogue_id: '车型库编号格式不正确',
    invalid_type: '类型不正确',
    too_small: '内容过短或过小',
    too_big: '内容过长或过大',
    unrecognized_keys: '包含不允许的字段',
    invalid_format: '格式不正确',
    invalid_value: '取值不在允许范围内',
    required: '必填',
  },
  en: {
    phone: 'Enter an 11-digit mobile number',
    hotline: 'Enter a valid phone number',
    slug: 'Use lowercase letters, digits and hyphens',
    color: 'Colour must be #RRGGBB',
    time: 'Time must be HH:MM',
    period_order: 'Closing time must be after opening time',
    period_overlap: 'Overlaps another period of the same day',
    store_code: 'Store code: 2–16 letters, digits or hyphens',
    login: 'Login: 3–32 lowercase letters, digits or . _ -',
    password: 'Password must have at least 8 characters',
    otp: 'The code has 6 digits',
    logo_size: 'The image must be under 200 KB',
    logo_format: 'Upload a PNG, JPEG, SVG or WebP image',
    store_required: 'This role must belong to a store',
    store_unknown: 'No such store',
    store_code_taken: 'This store code is already taken',
    login_taken: 'This login name is already taken',
    phone_taken: 'This phone number is already taken',
    role_not_allowed: 'You cannot assign this role',
    password_wrong: 'The current password is wrong',
    phone_required: 'Enter at least one mobile number',
    date: 'Dates are YYYY-MM-DD',
    id_number: 'ID numbers have 15–18 digits or capital letters',
    vin_length: 'A VIN has 17 characters',
    vin_characters: 'A VIN has only digits and letters, never I, O or Q',
    vin_check_digit: 'The VIN check digit (9th character) does not match; please check for a typo',
    plate: 'Enter a valid plate number, e.g. 沪A12345 or the new-energy 沪AD12345',
    catalogue_id: 'Not a valid catalogue id',
    invalid_type: 'Wrong type',
    too_small: 'Too short or too small',
    too_big: 'Too long or too large',
    unrecognized_keys: 'Contains fields that are not allowed',
    invalid_format: 'Invalid format',
    invalid_value: 'Value not allowed',
    required: 'Required',
  },
};

export const fieldMessage = (locale: Locale, key: string, fallback: string): string =>
  fieldMessages[locale][key] ?? fallback;
