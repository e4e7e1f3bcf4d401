import type { CampaignAudience, CampaignTemplate } from '@m4s/contracts';

/**
 * Seed 002's per-class strategies as ready campaigns, shipped to every tenant (they are code, so a tenant
 * made before or after has them alike): a draft is made from one, with its coupon template created unless
 * the tenant chooses one of its own. The words are the dealer's to the owner (zh-CN, as seed 002 gives them).
 */
const open = { min: null, max: null };
const base: CampaignAudience = {
  frequency: [],
  rfm: [],
  value: [],
  tiers: [],
  stages: [],
  brandIds: [],
  carAgeYears: open,
  minMileageKm: null,
  lastVisitDays: open,
  storeIds: [],
};
const campaignDefaults = {
  channel: 'sms' as const,
  scheduledAt: null,
  attributionDays: 30,
  controlPercent: 10,
  costFen: 0,
};

export const campaignTemplates: readonly CampaignTemplate[] = [
  {
    strategy: 'A',
    title: 'A类忠诚客户：年度专属权益包',
    description: '向忠诚客户（A类）赠送年度专属权益包（免费深度检测、空调清洗），强化归属感。',
    coupon: {
      name: '年度专属权益包：免费深度检测',
      kind: 'free_item',
      amountFen: 0,
      percentOff: 0,
      capFen: 0,
      item: '深度检测与空调清洗',
      validDays: 365,
    },
    campaign: {
      ...campaignDefaults,
      name: '忠诚客户年度专属权益包',
      strategy: 'A',
      audience: { ...base, rfm: ['A'] },
      message: '感谢您一直以来的信任！您的年度专属权益包（免费深度检测与空调清洗）已放入卡券包，欢迎预约到店。',
      attributionDays: 90,
    },
  },
  {
    strategy: 'B',
    title: 'B类潜力客户：按里程的升级服务优惠',
    description: '向行驶里程达2万公里以上的潜力客户（B类）推送个性化保养建议与升级服务8折优惠。',
    coupon: {
      name: '升级服务8折券',
      kind: 'percent',
      amountFen: 0,
      percentOff: 20,
      capFen: 50_000,
      item: '',
      validDays: 60,
    },
    campaign: {
      ...campaignDefaults,
      name: '潜力客户升级服务优惠',
      strategy: 'B',
      audience: { ...base, rfm: ['B'], minMileageKm: 20_000 },
      message: '您的爱车已行驶2万公里以上，建议检查变速箱油等项目。升级服务享8折，优惠券已放入卡券包。',
    },
  },
  {
    strategy: 'C',
    title: 'C类新客户：首保欢迎礼',
    description: '首保后的新客户（C类）获赠新客户大礼包，邀请加入新车主群，建立第一印象。',
    coupon: {
      name: '新客户大礼包',
      kind: 'free_item',
      amountFen: 0,
      percentOff: 0,
      capFen: 0,
      item: '玻璃水与车载充电器',
      validDays: 90,
    },
    campaign: {
      ...campaignDefaults,
      name: '新客户首保欢迎礼',
      strategy: 'C',
      audience: { ...base, rfm: ['C'], lastVisitDays: { min: null, max: 30 } },
      message: '欢迎成为我们的车主！感谢您完成首保，新客户大礼包已放入卡券包，下次到店即可领取。',
      controlPercent: 0,
    },
  },
  {
    strategy: 'D',
    title: 'D类流失风险客户：召回与挽回折扣',
    description: '对6个月以上未到店的流失风险客户（D类）发送召回通知，维修费用享7折，吸引回流。',
    coupon: {
      name: '老客户回厂7折券',
      kind: 'percent',
      amountFen: 0,
      percentOff: 30,
      capFen: 100_000,
      item: '',
      validDays: 60,
    },
    campaign: {
      ...campaignDefaults,
      name: '流失风险客户召回',
      strategy: 'D',
      audience: { ...base, rfm: ['D'], lastVisitDays: { min: 180, max: null } },
      message: '好久不见！您的爱车已超过保养周期，到店可享免费轮胎检测，维修费用7折，优惠券已放入卡券包。',
      attributionDays: 60,
    },
  },
];
