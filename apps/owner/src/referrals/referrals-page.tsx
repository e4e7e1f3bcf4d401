import { Button, List, NavBar, Steps, Tag, Toast } from 'antd-mobile';
import type { Referral } from '@m4s/contracts';
import { LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { useI18n, type OwnerMessageKey } from '../i18n.ts';
import { useTenant } from '../tenant/tenant-context.tsx';
import { QrImage } from '../ui/qr-image.tsx';
import { useBack } from '../ui/use-back.ts';
import { useOwnerReferrals } from './referrals-api.ts';
import './referrals.css';

/** The link a friend opens (the QR poster holds the same): the owner app's landing with the code. */
const linkOf = (slug: string, code: string) => `${window.location.origin}/o/${slug}/r/${code}`;

const stepOf: Record<Referral['status'], number> = { invited: 0, visited: 1, rewarded: 2, ineligible: 0 };

const Progress = ({ r }: { r: Referral }) => {
  const { t } = useI18n();
  if (r.status === 'ineligible')
    return <Tag color="default">{t(`referral.reason.${r.reason ?? 'referral_self'}` as OwnerMessageKey)}</Tag>;
  return (
    <Steps current={stepOf[r.status]} className="referral-steps">
      {(['invited', 'visited', 'rewarded'] as const).map((s) => (
        <Steps.Step key={s} title={t(`referral.status.${s}`)} />
      ))}
    </Steps>
  );
};

/** 我的 › 推荐有礼: the owner's code, its QR poster and link, and their referrals' progress. */
export const ReferralsPage = () => {
  const { t } = useI18n();
  const tenant = useTenant();
  const back = useBack('/me');
  const data = useOwnerReferrals();
  if (data.isPending) return <PageLoading />;
  if (data.isError) return <LoadFailed onRetry={() => void data.refetch()} />;
  const { code, items, rewardPoints, rewardCoupon } = data.data;
  const link = code ? linkOf(tenant.slug, code) : null;
  const copy = async () => {
    if (!link) return;
    await navigator.clipboard?.writeText(link).catch(() => undefined);
    Toast.show({ content: t('referral.copied') });
  };
  return (
    <div className="referral-page" data-testid="page-referrals">
      <NavBar onBack={back}>{t('referral.title')}</NavBar>
      <section className="referral-poster" data-testid="referral-poster">
        {code && link ? (
          <>
            <div className="referral-hint">{t('referral.myCode')}</div>
            <div className="referral-code" data-testid="referral-code">
              {code}
            </div>
            <QrImage value={link} size={200} alt={code} testId="referral-qr" />
            <div className="referral-hint">{t('referral.poster')}</div>
            <div className="referral-hint" data-testid="referral-link">
              {link}
            </div>
            <Button size="small" onClick={() => void copy()}>
              {t('referral.copy')}
            </Button>
          </>
        ) : (
          <div className="referral-hint">{t('referral.noCode')}</div>
        )}
        <div className="referral-hint">
          {t('referral.reward', { points: rewardPoints })}
          {rewardCoupon ? t('referral.rewardCoupon', { name: rewardCoupon }) : ''}
        </div>
      </section>
      <List mode="card" header={t('referral.mine')} data-testid="referral-list">
        {items.length === 0 ? <List.Item>{t('referral.none')}</List.Item> : null}
        {items.map((r) => (
          <List.Item
            key={r.id}
            data-testid="referral"
            data-status={r.status}
            description={<Progress r={r} />}
            extra={r.rewardPoints > 0 ? t('referral.rewardGot', { points: r.rewardPoints }) : null}
          >
            {`${r.referredName} · ${t(`referral.channel.${r.channel}`)}`}
          </List.Item>
        ))}
      </List>
    </div>
  );
};
