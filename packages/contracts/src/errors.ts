/** Every error the API can answer with. The apps switch on `code`; `message` is for people. */
export const errorCodes = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INTEGRATION_KEY_INVALID: 401,
  INVALID_CREDENTIALS: 401,
  OTP_INVALID: 401,
  SESSION_EXPIRED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  ACCOUNT_DISABLED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  TEMPORARY_PASSWORD_EXPIRED: 403,
  ACCOUNT_LOCKED: 423,
  NOT_FOUND: 404,
  TENANT_NOT_FOUND: 404,
  TENANT_SUSPENDED: 403,
  CONFLICT: 409,
  LOGIN_TAKEN: 409,
  PHONE_TAKEN: 409,
  STORE_CODE_TAKEN: 409,
  SLUG_TAKEN: 409,
  SLOT_FULL: 409,
  OTP_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  OTP_COOLDOWN: 429,
  RATE_LIMITED: 429,
  SIGN_IN_DELAYED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export type Locale = 'zh-CN' | 'en';
export const locales: readonly Locale[] = ['zh-CN', 'en'];

export const errorMessages: Record<Locale, Record<ErrorCode, string>> = {
  'zh-CN': {
    VALIDATION_FAILED: '提交的内容有误，请检查标出的字段',
    BAD_REQUEST: '请求格式不正确',
    UNAUTHENTICATED: '请先登录',
    INTEGRATION_KEY_INVALID: '接入密钥无效或已停用',
    INVALID_CREDENTIALS: '账号或密码不正确',
    OTP_INVALID: '验证码不正确',
    SESSION_EXPIRED: '登录已过期，请重新登录',
    CSRF_FAILED: '页面已过期，请刷新后重试',
    FORBIDDEN: '您没有执行此操作的权限',
    ACCOUNT_DISABLED: '该账号已停用，请联系管理员',
    PASSWORD_CHANGE_REQUIRED: '您的密码已被管理员重置，请先设置新密码',
    TEMPORARY_PASSWORD_EXPIRED: '临时密码已过期（72小时内有效），请联系管理员重新重置密码',
    ACCOUNT_LOCKED: '密码错误次数过多，账号已临时锁定，请稍后再试',
    NOT_FOUND: '找不到该记录',
    TENANT_NOT_FOUND: '找不到该经销商集团',
    TENANT_SUSPENDED: '该经销商集团的服务已暂停，暂时无法登录，请联系平台运营方',
    CONFLICT: '数据已被修改，请刷新后重试',
    LOGIN_TAKEN: '该登录名已被使用',
    PHONE_TAKEN: '该手机号已被使用',
    STORE_CODE_TAKEN: '该门店编码已被使用',
    SLUG_TAKEN: '该集团标识已被使用',
    SLOT_FULL: '该时段已约满，请选择其他时段',
    OTP_EXPIRED: '验证码已失效，请重新获取',
    PAYLOAD_TOO_LARGE: '提交的内容过大',
    UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
    OTP_COOLDOWN: '验证码发送过于频繁，请稍后再试',
    RATE_LIMITED: '操作过于频繁，请稍后再试',
    SIGN_IN_DELAYED: '密码错误次数过多，请稍候再试',
    INTERNAL: '系统繁忙，请稍后再试',
    UNAVAILABLE: '服务暂时不可用，请稍后再试',
  },
  en: {
    VALIDATION_FAILED: 'Some fields are not valid; please check them',
    BAD_REQUEST: 'The request is malformed',
    UNAUTHENTICATED: 'Please sign in first',
    INTEGRATION_KEY_INVALID: 'The integration key is not valid or has been revoked',
    INVALID_CREDENTIALS: 'Wrong login or password',
    OTP_INVALID: 'Wrong verification code',
    SESSION_EXPIRED: 'Your session has expired; please sign in again',
    CSRF_FAILED: 'This page is out of date; please reload and try again',
    FORBIDDEN: 'You are not allowed to do this',
    ACCOUNT_DISABLED: 'This account is disabled; please contact your administrator',
    PASSWORD_CHANGE_REQUIRED: 'An administrator reset your password; please choose a new one first',
    TEMPORARY_PASSWORD_EXPIRED:
      'This temporary password has expired (it is valid for 72 hours); ask your administrator to reset it again',
    ACCOUNT_LOCKED: 'Too many wrong passwords; the account is locked for a while',
    NOT_FOUND: 'Not found',
    TENANT_NOT_FOUND: 'No such dealer group',
    TENANT_SUSPENDED:
      "This dealer group's service is suspended; sign-in is not possible for now. Please contact the platform operator",
    CONFLICT: 'The record was changed meanwhile; please reload',
    LOGIN_TAKEN: 'This login name is already taken',
    PHONE_TAKEN: 'This phone number is already taken',
    STORE_CODE_TAKEN: 'This store code is already taken',
    SLUG_TAKEN: 'This dealer group identifier is already taken',
    SLOT_FULL: 'This time slot is fully booked; please choose another',
    OTP_EXPIRED: 'The code has expired; please request a new one',
    PAYLOAD_TOO_LARGE: 'The request is too large',
    UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type',
    OTP_COOLDOWN: 'Codes are being requested too often; please wait a moment',
    RATE_LIMITED: 'Too many requests; please wait a moment',
    SIGN_IN_DELAYED: 'Too many wrong passwords; please wait a moment before trying again',
    INTERNAL: 'Something went wrong on our side; please try again later',
    UNAVAILABLE: 'The service is temporarily unavailable',
  },
};

export type FieldIssue = { path: string; message: string };

export type ErrorBody = {
  code: ErrorCode;
  message: string;
  requestId?: string;
  details?: { issues?: FieldIssue[]; retryAfterSeconds?: number } & Record<string, unknown>;
};
