import type { Locale } from '@m4s/contracts';

/** Field messages of referrals (docs/referrals.md) and of a payment taken back. */
export const referralMessages: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    referral_code: '推荐码为6–12位字母或数字',
    referral_code_unknown: '推荐码不存在，请核对后重试',
    referral_store_unknown: '请选择一家门店',
    referral_consultant_store: '该顾问不在所选门店',
    referral_self: '不能推荐自己',
    referral_existing_customer: '被推荐人已是本集团客户，不计入推荐',
    referral_already_referred: '被推荐人已由其他会员推荐',
    payment_voided: '这笔收款已作废',
    payment_none: '该工单没有可作废的收款',
  },
  en: {
    referral_code: 'A referral code is 6–12 letters or digits',
    referral_code_unknown: 'No such referral code: please check it',
    referral_store_unknown: 'Choose a store',
    referral_consultant_store: 'This consultant does not work at the chosen store',
    referral_self: 'You cannot refer yourself',
    referral_existing_customer: 'The person is a customer already: not a referral',
    referral_already_referred: 'Another member referred this person first',
    payment_voided: 'This payment was voided already',
    payment_none: 'This visit has no payment to void',
  },
};
