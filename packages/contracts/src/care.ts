// Care automation and contact governance (issue 5): the rules, the topics a touch is about, and what the
// one gate decides for every outgoing touch.

/** Every care rule M4S knows; each is switchable and tunable per tenant (defaults from the seeds). */
export const careRuleKeys = [
  'delivery_care', // care call 2 hours after the hand-over
  'follow_up_3d', // follow-up task 3 days after delivery
  'follow_up_7d', // 7 days after delivery
  'follow_up_1m', // 1 month after delivery: ask the mileage, estimate the first maintenance
  'first_maintenance', // invitation a week before 3 months / 5,000 km (predicted)
  'booking_reminder', // the day before a booking (sent by the booking module)
  'next_service', // a week before the predicted next service
  'post_repair', // follow-up call 24 hours after a workshop visit
  'insurance_30d', // insurance expiry in 30 days
  'insurance_7d', // and in 7 days
  'inspection_due', // annual inspection due within a month
  'warranty_expiry', // warranty ends (by time or forecast mileage) within a month
  'birthday', // birthday greeting
  'win_back', // 6, 9 and 12 months without a visit: a recall notice and the advisor's call
  'trade_in', // trade-in candidates
  'churn_prevention', // year 2: swing owners and owners who never came back
  'declined_service', // re-offer what the owner declined on an estimate
] as const;
export type CareRuleKey = (typeof careRuleKeys)[number];

/**
 * What a touch is about. Owners opt out of topics; the cap of one touch per topic per 30 days counts by
 * topic. `booking`, `visit` and `account` are transactional: never capped, never opted out of.
 */
export const contactTopics = [
  'booking',
  'visit',
  'account',
  'follow_up',
  'maintenance',
  'insurance',
  'inspection',
  'warranty',
  'birthday',
  'win_back',
  'trade_in',
  'offers',
] as const;
export type ContactTopic = (typeof contactTopics)[number];
export const transactionalTopics: readonly ContactTopic[] = ['booking', 'visit', 'account'];

/**
 * The topics an owner may switch off (the owner app's 提醒内容, the admin console's 不接收的话题): every
 * topic but the transactional ones. `offers` goes with the marketing switch in the owner app, and is listed
 * here too so staff can record a refusal of offers alone.
 */
export const optOutTopics: readonly ContactTopic[] = contactTopics.filter((x) => !transactionalTopics.includes(x));

/**
 * Each topic's name, in one place for every app and the server (zh-CN first). "新车推荐" is the trade-in
 * topic: an owner who refuses new-car offers refuses the trade-in outreach with it.
 */
export const contactTopicLabels: Record<ContactTopic, { 'zh-CN': string; en: string }> = {
  booking: { 'zh-CN': '预约通知', en: 'Bookings' },
  visit: { 'zh-CN': '维修进度', en: 'Repair progress' },
  account: { 'zh-CN': '账户与验证码', en: 'Account and codes' },
  follow_up: { 'zh-CN': '服务回访', en: 'Service follow-up' },
  maintenance: { 'zh-CN': '保养提醒', en: 'Maintenance reminders' },
  insurance: { 'zh-CN': '保险到期提醒', en: 'Insurance expiry' },
  inspection: { 'zh-CN': '年检提醒', en: 'Annual inspection' },
  warranty: { 'zh-CN': '质保到期提醒', en: 'Warranty expiry' },
  birthday: { 'zh-CN': '生日祝福', en: 'Birthday greetings' },
  win_back: { 'zh-CN': '回厂关怀', en: 'We miss you' },
  trade_in: { 'zh-CN': '置换升级与新车推荐', en: 'Trade-in and new models' },
  offers: { 'zh-CN': '优惠活动', en: 'Offers' },
};

/** i18n entries `${prefix}${topic}` for an app's message table, from the labels above. */
export const contactTopicMessages = <P extends string>(
  prefix: P,
  locale: 'zh-CN' | 'en',
): Record<`${P}${ContactTopic}`, string> =>
  Object.fromEntries(contactTopics.map((x) => [`${prefix}${x}`, contactTopicLabels[x][locale]])) as Record<
    `${P}${ContactTopic}`,
    string
  >;

/** Where a touch comes from. The gate's tests enumerate these: a new sender must be added here. */
export const touchSources = [
  'care_rule',
  'booking',
  'visit',
  'account',
  'campaign',
  'survey',
  'staff',
  // Connected cars' rules (docs/telematics.md): battery low, fault codes.
  'telematics',
  // Membership (docs/loyalty.md): points and coupons about to expire.
  'loyalty',
  // Complaint cases (docs/complaints.md): the thank-you when a case is closed.
  'complaint',
  // Events and clubs (docs/events.md): invitations (marketing), a cancelled event, a seat freed.
  'event',
] as const;
export type TouchSource = (typeof touchSources)[number];

/** How a touch reaches the owner: a message on a channel, or a task for staff (a call). */
export const touchChannels = ['inbox', 'sms', 'email', 'call'] as const;
export type TouchChannel = (typeof touchChannels)[number];

export const touchKinds = ['transactional', 'care', 'marketing'] as const;
export type TouchKind = (typeof touchKinds)[number];

/**
 * The gate's verdict: sent now, deferred to a later moment (quiet hours), suppressed with a reason, held
 * back by a cap until the next free window (send_at), or expired: held until its moment had passed.
 */
export const touchDecisions = ['sent', 'deferred', 'suppressed', 'held', 'expired'] as const;
export type TouchDecision = (typeof touchDecisions)[number];

export const suppressionReasons = [
  'channel_refused', // the owner does not accept this channel
  'topic_opted_out',
  'marketing_opt_out',
  'weekly_cap', // at most N non-transactional messages a week
  'call_cap', // at most N calls a month
  'topic_cap', // one touch per topic per 30 days
  'recent_visit', // a few days after a visit
  'open_complaint',
  'no_address', // no phone / e-mail / app account to reach them on
  'erased', // the customer's data was erased
] as const;
export type SuppressionReason = (typeof suppressionReasons)[number];

export const careTaskStatuses = ['open', 'done', 'snoozed', 'cancelled'] as const;
export type CareTaskStatus = (typeof careTaskStatuses)[number];
