import { Tag } from 'antd-mobile';
import { useI18n } from '../i18n.ts';
import { useVisitLoyalty } from './loyalty-api.ts';

/** On the visit: the customer's tier and the benefits the advisor honours (代步车, 免费洗车, 贵宾休息室). */
export const MemberBanner = ({ visitId }: { visitId: string }) => {
  const { t } = useI18n();
  const loyalty = useVisitLoyalty(visitId);
  const member = loyalty.data?.member;
  if (!member) return null;
  const b = member.tier.benefits;
  const perks = [
    ...(b.courtesyCar ? [t('loyalty.courtesyCar')] : []),
    ...(b.freeWash ? [t('loyalty.freeWash')] : []),
    ...(b.vipLounge ? [t('loyalty.vipLounge')] : []),
  ];
  return (
    <div className="member-banner" data-testid="visit-member">
      <Tag color="warning">{member.tier.name}</Tag>
      <span className="member-banner-points">{t('loyalty.balance', { points: member.balance })}</span>
      {perks.map((p) => (
        <Tag key={p} color="primary" fill="outline">
          {p}
        </Tag>
      ))}
    </div>
  );
};
