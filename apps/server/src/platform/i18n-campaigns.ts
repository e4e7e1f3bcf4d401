import type { Locale } from '@m4s/contracts';

/** Field messages of campaigns (docs/campaigns.md). */
export const campaignMessages: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    campaign_range: '最大值不能小于最小值',
    campaign_scheduled_past: '定时发送的时间已过，请选择将来的时间或立即发送',
    campaign_not_draft: '只有草稿状态的活动可以修改或发送',
    campaign_sent: '活动已发送，不能取消',
    campaign_not_sent: '活动尚未发送，还没有效果数据',
    coupon_not_yours: '这张卡券不属于该客户，或已使用、已过期',
    campaign_event_channel: '活动邀请只能通过短信或车主App消息发送',
  },
  en: {
    campaign_range: 'The maximum cannot be below the minimum',
    campaign_scheduled_past: 'The scheduled time has passed: choose a time ahead or send now',
    campaign_not_draft: 'Only a draft campaign can be edited or sent',
    campaign_sent: 'The campaign was sent and cannot be cancelled',
    campaign_not_sent: 'The campaign has not been sent: there are no results yet',
    coupon_not_yours: "This coupon is not the customer's, or it was used or has expired",
    campaign_event_channel: 'An event invitation goes by SMS or the owner app inbox only',
  },
};
