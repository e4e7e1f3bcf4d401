import { createI18n } from '@m4s/web-kit';
import { mobileMessages } from '@m4s/web-kit/mobile';
import { customersEn } from './customers/messages-en.ts';
import { customersZhCN } from './customers/messages-zh-cn.ts';
import { visitsEn } from './visits/messages-en.ts';
import { tasksEn } from './tasks/messages-en.ts';
import { tasksZhCN } from './tasks/messages-zh-cn.ts';
import { casesEn, casesZhCN } from './cases/messages.ts';
import { serviceRequestsEn, serviceRequestsZhCN } from './service-requests/messages.ts';
import { callsEn } from './calls/messages-en.ts';
import { callsZhCN } from './calls/messages-zh-cn.ts';
import { visitsZhCN } from './visits/messages-zh-cn.ts';
import { loyaltyEn, loyaltyZhCN } from './loyalty/messages.ts';
import { checkInEn, checkInZhCN } from './events/messages.ts';
import { recoveryEn, recoveryZhCN } from './recovery/messages.ts';
import { chatEn, chatZhCN } from './chat/messages.ts';
import { scorecardEn, scorecardZhCN } from './scorecard/messages.ts';

const zhCN = {
  ...mobileMessages['zh-CN'],
  ...customersZhCN,
  ...visitsZhCN,
  ...tasksZhCN,
  ...casesZhCN,
  ...serviceRequestsZhCN,
  ...loyaltyZhCN,
  ...checkInZhCN,
  ...callsZhCN,
  ...recoveryZhCN,
  ...chatZhCN,
  ...scorecardZhCN,
  'app.name': '顾问端',
  'app.product': 'M4S 客户忠诚度管理',

  'signIn.title': '顾问端登录',
  'signIn.subtitle': '服务顾问 · 销售顾问 · 客服专员',
  'signIn.tenant': '集团代码',
  'signIn.tenantPlaceholder': '如 demo',
  'signIn.tenantHint': '集团代码由系统管理员提供，登录后会记住。',
  'signIn.login': '账号',
  'signIn.loginPlaceholder': '请输入登录账号',
  'signIn.password': '密码',
  'signIn.passwordPlaceholder': '请输入密码',
  'signIn.required': '请填写{field}',
  'signIn.tenantInvalid': '集团代码只能包含小写字母、数字和短横线',
  'signIn.forgot': '忘记密码请联系门店管理员重置',
  'password.title': '设置新密码',
  'password.submit': '保存新密码',
  'password.hint': '您的密码已由管理员重置。请输入管理员告知的临时密码，并设置您自己的新密码。',
  'password.current': '临时密码',
  'password.new': '新密码',
  'password.confirm': '再输一遍',
  'password.required': '请输入临时密码',
  'password.min': '新密码至少8位',
  'password.mismatch': '两次输入的新密码不一致',
  'password.wrongCurrent': '临时密码不正确',

  'home.morning': '早上好',
  'home.noon': '中午好',
  'home.afternoon': '下午好',
  'home.evening': '晚上好',
  'home.greeting': '{greeting}，{name}',
  'home.role': '岗位',
  'home.store': '所属门店',
  'home.groupWide': '集团',
  'home.noStore': '未分配门店',
  'home.tenant': '所属集团',
  'home.login': '登录账号',
  'home.todayBookings': '今日预约',
  'home.myTasks': '我的任务',
  'home.myTasksEmpty': '暂无待办任务',
  'home.myTasksHint': '交车后回访、首保邀约、保险到期提醒等任务会由系统按关怀规则自动派发到这里，按截止时间排序。',
  'home.settings': '设置',
  'home.language': '语言 / Language',
  'home.signOut': '退出登录',
};

const en: { [K in keyof typeof zhCN]: string } = {
  ...mobileMessages.en,
  ...customersEn,
  ...visitsEn,
  ...tasksEn,
  ...casesEn,
  ...serviceRequestsEn,
  ...loyaltyEn,
  ...checkInEn,
  ...callsEn,
  ...recoveryEn,
  ...chatEn,
  ...scorecardEn,
  'app.name': 'Advisor',
  'app.product': 'M4S customer loyalty',

  'signIn.title': 'Advisor sign-in',
  'signIn.subtitle': 'Service advisors · Sales consultants · CS specialists',
  'signIn.tenant': 'Group',
  'signIn.tenantPlaceholder': 'e.g. demo',
  'signIn.tenantHint': 'Your administrator gives you the group code; it is remembered after sign-in.',
  'signIn.login': 'Login',
  'signIn.loginPlaceholder': 'Your login name',
  'signIn.password': 'Password',
  'signIn.passwordPlaceholder': 'Your password',
  'signIn.required': 'Please enter {field}',
  'signIn.tenantInvalid': 'Use lowercase letters, digits and dashes only',
  'signIn.forgot': 'Forgot your password? Ask your store administrator to reset it.',
  'password.title': 'Choose a new password',
  'password.submit': 'Save the new password',
  'password.hint':
    'An administrator reset your password. Enter the temporary password you were given and choose your own.',
  'password.current': 'Temporary password',
  'password.new': 'New password',
  'password.confirm': 'Confirm new password',
  'password.required': 'Enter the temporary password',
  'password.min': 'The new password needs at least 8 characters',
  'password.mismatch': 'The two new passwords differ',
  'password.wrongCurrent': 'The temporary password is wrong',

  'home.morning': 'Good morning',
  'home.noon': 'Good day',
  'home.afternoon': 'Good afternoon',
  'home.evening': 'Good evening',
  'home.greeting': '{greeting}, {name}',
  'home.role': 'Role',
  'home.store': 'Store',
  'home.groupWide': 'Group-wide',
  'home.noStore': 'No store assigned',
  'home.tenant': 'Dealer group',
  'home.login': 'Login',
  'home.todayBookings': "Today's bookings",
  'home.myTasks': 'My tasks',
  'home.myTasksEmpty': 'No open tasks',
  'home.myTasksHint':
    'Follow-up calls after delivery, first-service invitations, insurance reminders and more will be assigned here by the care rules, ordered by due time.',
  'home.settings': 'Settings',
  'home.language': '语言 / Language',
  'home.signOut': 'Sign out',
};

export const { I18nProvider, useI18n } = createI18n({ 'zh-CN': zhCN, en });
export type AdvisorMessageKey = keyof typeof zhCN;
