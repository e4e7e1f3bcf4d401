// The visit's member and the checkout's coupons and points (docs/loyalty.md).
export const loyaltyZhCN = {
  'loyalty.balance': '{points} 积分',
  'loyalty.courtesyCar': '代步车',
  'loyalty.freeWash': '免费洗车',
  'loyalty.vipLounge': '贵宾休息室',
  'loyalty.coupon': '卡券',
  'loyalty.noCoupon': '不使用',
  'loyalty.couponOff': '{name}（减 {amount}）',
  'loyalty.couponGift': '{name}（赠送）',
  'loyalty.points': '积分抵扣',
  'loyalty.pointsHint': '最多 {max} 积分，每积分抵 {value}',
  'loyalty.pointsInvalid': '请输入不超过上限的整数积分',
  'loyalty.due': '应收',
};
export const loyaltyEn: Record<keyof typeof loyaltyZhCN, string> = {
  'loyalty.balance': '{points} points',
  'loyalty.courtesyCar': 'Courtesy car',
  'loyalty.freeWash': 'Free wash',
  'loyalty.vipLounge': 'VIP lounge',
  'loyalty.coupon': 'Coupon',
  'loyalty.noCoupon': 'None',
  'loyalty.couponOff': '{name} ({amount} off)',
  'loyalty.couponGift': '{name} (free item)',
  'loyalty.points': 'Pay with points',
  'loyalty.pointsHint': 'Up to {max} points, each worth {value}',
  'loyalty.pointsInvalid': 'Enter whole points within the limit',
  'loyalty.due': 'Due',
};
