import { ProgressBar } from 'antd-mobile';
import type { MemberView } from '@m4s/contracts';
import { yuan } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';

/** The tier, the balance and the way to the next tier (我的 and 会员中心). */
export const MemberCard = ({ member, onClick }: { member: MemberView; onClick?: () => void }) => {
  const { t, locale } = useI18n();
  const next = member.next;
  const progress = next
    ? Math.min(100, Math.round((member.points12m / Math.max(1, member.points12m + next.pointsNeeded)) * 100))
    : 100;
  return (
    <section className={`member-card tier-${member.tier.code}`} onClick={onClick} data-testid="member-card">
      <div className="member-card-top">
        <span className="member-tier" data-testid="member-tier">
          {member.tier.name}
        </span>
        <span className="member-points">
          <b data-testid="member-points">{member.balance}</b> {t('loyalty.points')}
        </span>
      </div>
      <div className="member-sub">
        {t('loyalty.pointsValue', { amount: yuan(member.balance * member.pointValueFen, locale) })}
      </div>
      <ProgressBar percent={progress} className="member-progress" />
      <div className="member-sub" data-testid="member-next">
        {next
          ? next.spendNeededFen > 0
            ? t('loyalty.next', {
                points: next.pointsNeeded,
                amount: yuan(next.spendNeededFen, locale),
                name: next.name,
              })
            : t('loyalty.nextPoints', { points: next.pointsNeeded, name: next.name })
          : t('loyalty.top')}
      </div>
      {member.tier.graceUntil ? (
        <div className="member-sub">{t('loyalty.grace', { day: member.tier.graceUntil })}</div>
      ) : null}
      {member.expiring ? (
        <div className="member-sub member-expiring">
          {t('loyalty.expiring', { points: member.expiring.points, day: member.expiring.on })}
        </div>
      ) : null}
    </section>
  );
};
