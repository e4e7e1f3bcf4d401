import { createI18n } from '@m4s/web-kit';
import { mobileMessages } from '@m4s/web-kit/mobile';
import { bookingEn, bookingZhCN } from './booking/messages.ts';
import { contactEn, contactZhCN } from './contact/messages.ts';
import { garageEn, garageZhCN } from './garage/messages.ts';
import { telematicsEn, telematicsZhCN } from './garage/telematics-messages.ts';
import { visitEn, visitZhCN } from './visits/messages.ts';
import { loyaltyEn, loyaltyZhCN } from './loyalty/messages.ts';
import { referralEn, referralZhCN } from './referrals/messages.ts';
import { surveyEn, surveyZhCN } from './surveys/messages.ts';
import { contentEn, contentZhCN } from './content/messages.ts';
import { feedbackEn, feedbackZhCN } from './feedback/messages.ts';
import { eventsEn, eventsZhCN } from './events/messages.ts';
import { chatEn, chatZhCN } from './chat/messages.ts';
import { servicesEn, servicesZhCN } from './services/messages.ts';

const zhCN = {
  ...mobileMessages['zh-CN'],
  ...garageZhCN,
  ...telematicsZhCN,
  ...bookingZhCN,
  ...visitZhCN,
  ...surveyZhCN,
  ...feedbackZhCN,
  ...contactZhCN,
  ...loyaltyZhCN,
  ...contentZhCN,
  ...referralZhCN,
  ...eventsZhCN,
  ...chatZhCN,
  ...servicesZhCN,
  'app.ownerService': '车主服务',

  'tenant.missingTitle': '找不到该经销商',
  'tenant.missingHint': '链接可能有误或已失效。请向您的4S店索取最新的车主服务链接或二维码。',

  'signIn.welcome': '欢迎使用{name}车主服务',
  'signIn.tagline': '保养预约 · 维修进度 · 用车关怀，一部手机全搞定',
  'signIn.title': '手机号登录',
  'signIn.phone': '手机号',
  'signIn.phonePlaceholder': '请输入手机号',
  'signIn.code': '验证码',
  'signIn.codePlaceholder': '请输入6位验证码',
  'signIn.sendCode': '获取验证码',
  'signIn.sending': '发送中…',
  'signIn.resendIn': '{seconds}秒后重发',
  'signIn.resend': '重新获取',
  'signIn.codeSent': '验证码已发送至 {phone}，5分钟内有效',
  'signIn.phoneInvalid': '请输入正确的11位手机号',
  'signIn.codeInvalid': '请输入6位数字验证码',
  'signIn.attemptsLeft': '{message}，还可尝试{count}次',
  'signIn.note': '请使用在本店登记的手机号，验证码将以短信发送',
  'signIn.hotline': '遇到问题？拨打服务热线 {phone}',

  'tab.life': '轮生活',
  'tab.services': '车业务',
  'tab.records': '维修档案',
  'tab.me': '我的',
  'tab.nav': '主菜单',
  'tab.unread': '{count}条未读消息',

  'life.greeting': '您好，{name}',
  'life.greetingDefault': '您好，尊敬的车主',
  'life.serving': '{name}竭诚为您服务',
  'life.latestTitle': '最新消息',
  'life.allMessages': '消息中心',
  'life.unread': '{count}条未读',
  'life.noNewsTitle': '暂无新消息',
  'life.noNewsHint': '预约确认、维修进度与{name}的提醒会出现在这里。',

  'services.contactTitle': '联系门店',
  'services.bookHint': '在线选择门店和时段，到店免排队',
  'services.bookNow': '立即预约',
  'services.myBookings': '我的预约',
  'services.noBooking': '暂无待到店的预约',
  'services.undecided': '{count}项待确认',
  'services.soonTitle': '一键服务',
  'services.booking': '预约保养',
  'services.pickup': '上门取送车',

  'records.askHotline': '如需查询以往的维修记录，可致电服务热线',

  'hotline.dealer': '经销商服务热线',
  'hotline.oem': '厂家客服热线',
  'hotline.none': '经销商暂未设置服务热线',

  'me.member': '{name}车主',
  'me.dealer': '我的经销商',
  'me.language': '语言 / Language',
  'me.signOut': '退出登录',
  'me.signingOut': '正在退出…',
  'me.vehicles': '我的车辆',
  'me.bookings': '我的预约',
  'me.inbox': '消息中心',
};

const en: { [K in keyof typeof zhCN]: string } = {
  ...mobileMessages.en,
  ...garageEn,
  ...telematicsEn,
  ...bookingEn,
  ...visitEn,
  ...surveyEn,
  ...feedbackEn,
  ...contactEn,
  ...loyaltyEn,
  ...contentEn,
  ...referralEn,
  ...eventsEn,
  ...chatEn,
  ...servicesEn,
  'app.ownerService': 'Owner services',

  'tenant.missingTitle': 'Dealer not found',
  'tenant.missingHint':
    'This link may be wrong or out of date. Please ask your dealer for the current owner app link or QR code.',

  'signIn.welcome': 'Welcome to {name} owner services',
  'signIn.tagline': 'Service booking, repair progress and car care in one place',
  'signIn.title': 'Sign in with your phone',
  'signIn.phone': 'Phone',
  'signIn.phonePlaceholder': 'Mobile number',
  'signIn.code': 'Code',
  'signIn.codePlaceholder': '6-digit code',
  'signIn.sendCode': 'Get code',
  'signIn.sending': 'Sending…',
  'signIn.resendIn': 'Resend in {seconds}s',
  'signIn.resend': 'Resend',
  'signIn.codeSent': 'Code sent to {phone}; valid for 5 minutes',
  'signIn.phoneInvalid': 'Enter a valid 11-digit mobile number',
  'signIn.codeInvalid': 'Enter the 6-digit code',
  'signIn.attemptsLeft': '{message} ({count} attempts left)',
  'signIn.note': 'Use the phone number registered with your dealer; we will text you a code.',
  'signIn.hotline': 'Need help? Call {phone}',

  'tab.life': 'Life',
  'tab.services': 'Services',
  'tab.records': 'Records',
  'tab.me': 'Me',
  'tab.nav': 'Main menu',
  'tab.unread': '{count} unread messages',

  'life.greeting': 'Hello, {name}',
  'life.greetingDefault': 'Hello',
  'life.serving': '{name} at your service',
  'life.latestTitle': 'Latest messages',
  'life.allMessages': 'Messages',
  'life.unread': '{count} unread',
  'life.noNewsTitle': 'No messages yet',
  'life.noNewsHint': 'Booking confirmations, repair progress and reminders from {name} will appear here.',

  'services.contactTitle': 'Contact your dealer',
  'services.bookHint': 'Pick a store and a time online; no queue at the desk',
  'services.bookNow': 'Book now',
  'services.myBookings': 'My bookings',
  'services.noBooking': 'No upcoming booking',
  'services.undecided': '{count} to confirm',
  'services.soonTitle': 'One-tap services',
  'services.booking': 'Book service',
  'services.pickup': 'Pickup',

  'records.askHotline': 'To ask about earlier visits, call the service hotline',

  'hotline.dealer': 'Dealer hotline',
  'hotline.oem': 'Manufacturer hotline',
  'hotline.none': 'The dealer has not set a hotline yet',

  'me.member': '{name} owner',
  'me.dealer': 'My dealer',
  'me.language': '语言 / Language',
  'me.signOut': 'Sign out',
  'me.signingOut': 'Signing out…',
  'me.vehicles': 'My cars',
  'me.bookings': 'My bookings',
  'me.inbox': 'Messages',
};

export const { I18nProvider, useI18n } = createI18n({ 'zh-CN': zhCN, en });
export type OwnerMessageKey = keyof typeof zhCN;
