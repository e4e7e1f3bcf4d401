import { Button, Dialog, DotLoading, List, NavBar, Tag, Toast } from 'antd-mobile';
import { GiftOutline } from 'antd-mobile-icons';
import type { Coupon, OwnerLoyalty } from '@m4s/contracts';
import { errorText, yuan } from '@m4s/web-kit';
import { EmptyState, LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n, type OwnerMessageKey } from '../i18n.ts';
import { useBack } from '../ui/use-back.ts';
import { useOwnerLoyalty, useOwnerStatement, useRedeem } from './loyalty-api.ts';
import { MemberCard } from './member-card.tsx';
import './loyalty.css';

type Terms = Pick<Coupon, 'kind' | 'amountFen' | 'percentOff' | 'capFen' | 'item' | 'minSpendFen'>;

/** What a coupon gives, in the owner's words. */
const useTerms = () => {
  const { t, locale } = useI18n();
  return (c: Terms) => {
    const what =
      c.kind === 'amount'
        ? t('loyalty.amountOff', { amount: yuan(c.amountFen, locale) })
        : c.kind === 'percent'
          ? `${t('loyalty.percentOff', { percent: locale === 'en' ? 100 - c.percentOff : (100 - c.percentOff) / 10 })}${
              c.capFen > 0 ? ` · ${t('loyalty.cap', { amount: yuan(c.capFen, locale) })}` : ''
            }`
          : t('loyalty.freeItem', { item: c.item });
    return c.minSpendFen > 0 ? `${what} · ${t('loyalty.minSpend', { amount: yuan(c.minSpendFen, locale) })}` : what;
  };
};

const Benefits = ({ member }: { member: NonNullable<OwnerLoyalty['member']> }) => {
  const { t } = useI18n();
  const b = member.tier.benefits;
  const items: string[] = [
    ...(b.courtesyCar ? [t('loyalty.benefit.courtesyCar')] : []),
    ...(b.freeWash ? [t('loyalty.benefit.freeWash')] : []),
    ...(b.vipLounge ? [t('loyalty.benefit.vipLounge')] : []),
    ...(b.reservedShare > 0 ? [t('loyalty.benefit.priority')] : []),
    ...(b.birthdayTemplateId ? [t('loyalty.benefit.birthday')] : []),
    ...(b.annualPackTemplateIds.length > 0 ? [t('loyalty.benefit.annualPack')] : []),
    ...(b.earnMultiplier > 1 ? [t('loyalty.benefit.multiplier', { times: b.earnMultiplier })] : []),
  ];
  return (
    <List mode="card" header={t('loyalty.benefits')} data-testid="member-benefits">
      {(items.length > 0 ? items : [t('loyalty.benefit.none')]).map((text) => (
        <List.Item key={text}>{text}</List.Item>
      ))}
    </List>
  );
};

const Coupons = ({ coupons }: { coupons: Coupon[] }) => {
  const { t } = useI18n();
  const terms = useTerms();
  return (
    <List mode="card" header={t('loyalty.coupons')} data-testid="coupon-list">
      {coupons.length === 0 ? <List.Item>{t('loyalty.noCoupons')}</List.Item> : null}
      {coupons.map((c) => (
        <List.Item
          key={c.id}
          data-testid="coupon"
          description={`${terms(c)} · ${t('loyalty.validUntil', { day: c.validUntil })}`}
          extra={
            c.status === 'issued' ? (
              <span className="coupon-code">{c.code}</span>
            ) : (
              <Tag color="default">{t(`loyalty.status.${c.status}` as OwnerMessageKey)}</Tag>
            )
          }
        >
          {c.name}
        </List.Item>
      ))}
    </List>
  );
};

const Offers = ({ data }: { data: OwnerLoyalty }) => {
  const { t } = useI18n();
  const terms = useTerms();
  const redeem = useRedeem();
  const balance = data.member?.balance ?? 0;
  if (!data.member || data.offers.length === 0) return null;
  const ask = async (offer: OwnerLoyalty['offers'][number]) => {
    const ok = await Dialog.confirm({
      content: t('loyalty.redeemConfirm', { points: offer.pointsCost ?? 0, name: offer.name }),
    });
    if (!ok) return;
    redeem.mutate(offer.id, {
      onSuccess: () => Toast.show({ icon: 'success', content: t('loyalty.redeemed') }),
      onError: (error) => Toast.show({ content: errorText(error, t('loyalty.redeemFailed')) }),
    });
  };
  return (
    <List mode="card" header={t('loyalty.offers')} data-testid="offer-list">
      {data.offers.map((o) => (
        <List.Item
          key={o.id}
          description={`${terms(o)} · ${t('loyalty.cost', { points: o.pointsCost ?? 0 })}`}
          extra={
            <Button
              size="small"
              color="primary"
              disabled={(o.pointsCost ?? 0) > balance}
              loading={redeem.isPending && redeem.variables === o.id}
              onClick={() => void ask(o)}
              data-testid="offer-redeem"
            >
              {t('loyalty.redeem')}
            </Button>
          }
        >
          {o.name}
        </List.Item>
      ))}
    </List>
  );
};

const Statement = () => {
  const { t } = useI18n();
  const statement = useOwnerStatement();
  const items = statement.data?.items ?? [];
  return (
    <List mode="card" header={t('loyalty.statement')} data-testid="points-statement">
      {statement.isSuccess && items.length === 0 ? <List.Item>{t('loyalty.noEntries')}</List.Item> : null}
      {items.map((e) => (
        <List.Item
          key={e.id}
          description={`${e.at.slice(0, 10)}${e.storeName ? ` · ${e.storeName}` : ''}`}
          extra={
            <span className={e.points > 0 ? 'points-plus' : 'points-minus'}>
              {e.points > 0 ? `+${e.points}` : e.points}
            </span>
          }
        >
          {t(`loyalty.source.${e.source}` as OwnerMessageKey)}
        </List.Item>
      ))}
    </List>
  );
};

/** 我的 › 会员中心: tier and progress, benefits, coupons, points for coupons, the statement. */
export const LoyaltyPage = () => {
  const { t } = useI18n();
  const back = useBack('/me');
  const loyalty = useOwnerLoyalty();
  const body = () => {
    if (loyalty.isPending)
      return (
        <div className="loyalty-loading">
          <DotLoading color="primary" />
        </div>
      );
    if (loyalty.isError) return <LoadFailed onRetry={() => void loyalty.refetch()} />;
    const data = loyalty.data;
    if (!data.member)
      return (
        <EmptyState
          testId="loyalty-no-member"
          icon={<GiftOutline />}
          title={t('loyalty.title')}
          description={t('loyalty.noMember')}
        />
      );
    return (
      <>
        <MemberCard member={data.member} />
        <Benefits member={data.member} />
        <Coupons coupons={data.coupons} />
        <Offers data={data} />
        <Statement />
      </>
    );
  };
  return (
    <div className="loyalty-page" data-testid="page-loyalty">
      <NavBar onBack={back}>{t('loyalty.title')}</NavBar>
      {body()}
    </div>
  );
};
