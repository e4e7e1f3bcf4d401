import { useEffect, useState } from 'react';
import { Button, Form, Input, NavBar, Result, Selector } from 'antd-mobile';
import { useNavigate, useParams } from 'react-router-dom';
import type { OwnerReferralBody, Referral } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { PageLoading } from '@m4s/web-kit/mobile';
import { useI18n, type OwnerMessageKey } from '../i18n.ts';
import { pendingCode, useCodeInfo, useLead } from './referrals-api.ts';
import './referrals.css';

/** /r/<code>: the link of a referral poster, before or after sign-in — the code is kept for the next page. */
export const ReferralLanding = () => {
  const { code } = useParams();
  const navigate = useNavigate();
  useEffect(() => {
    if (code) pendingCode.set(code);
    void navigate('/me/referrals/join', { replace: true });
  }, [code, navigate]);
  return <PageLoading />;
};

const channels = ['service', 'test_drive', 'inquiry'] as const;

/** The referred owner's request: a first service, a test drive or a new-car inquiry, with the code. */
export const JoinPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  // Read once: the code is forgotten once the lead is sent, and the page keeps showing its answer.
  const [code] = useState(() => pendingCode.get());
  const info = useCodeInfo(code);
  const lead = useLead();
  const [channel, setChannel] = useState<OwnerReferralBody['channel']>('service');
  const [storeId, setStoreId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [done, setDone] = useState<Referral | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!code || info.isError)
    return (
      <div className="referral-page" data-testid="page-referral-join">
        <NavBar onBack={() => void navigate('/life')}>{t('referral.join.title')}</NavBar>
        <Result status="warning" title={t('referral.join.unknown')} />
      </div>
    );
  if (info.isPending) return <PageLoading />;
  const stores = info.data.stores;
  const submit = () => {
    setError(null);
    lead.mutate(
      { code, channel, name: name.trim(), storeId: storeId ?? stores[0]?.id ?? null, note: null },
      {
        onSuccess: (r) => {
          pendingCode.clear();
          setDone(r);
        },
        onError: (e) => setError(errorText(e, t('referral.join.failed'))),
      },
    );
  };
  return (
    <div className="referral-page" data-testid="page-referral-join">
      <NavBar onBack={() => void navigate('/life')}>{t('referral.join.title')}</NavBar>
      {done ? (
        <div data-testid="referral-join-result" data-status={done.status}>
          <Result
            status={done.status === 'ineligible' ? 'info' : 'success'}
            title={
              done.status === 'ineligible'
                ? t('referral.join.refused', { reason: t(`referral.reason.${done.reason}` as OwnerMessageKey) })
                : t('referral.join.done')
            }
          />
        </div>
      ) : (
        <div className="referral-join">
          <div className="referral-hint">{t('referral.join.from', { name: info.data.referrer })}</div>
          <Form
            layout="vertical"
            footer={
              <Button
                block
                color="primary"
                disabled={name.trim().length === 0}
                loading={lead.isPending}
                onClick={submit}
                data-testid="referral-join-submit"
              >
                {t('referral.join.submit')}
              </Button>
            }
          >
            <Form.Item label={t('referral.join.name')}>
              <Input
                value={name}
                onChange={setName}
                maxLength={40}
                placeholder={t('referral.join.namePlaceholder')}
                data-testid="referral-join-name"
              />
            </Form.Item>
            <Form.Item label={t('referral.join.channel')}>
              <Selector
                columns={3}
                value={[channel]}
                onChange={(v) => v[0] && setChannel(v[0])}
                options={channels.map((c) => ({ value: c, label: t(`referral.channel.${c}`) }))}
              />
            </Form.Item>
            <Form.Item label={t('referral.join.store')}>
              <Selector
                columns={2}
                value={[storeId ?? stores[0]?.id ?? '']}
                onChange={(v) => v[0] && setStoreId(v[0])}
                options={stores.map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          </Form>
          {error ? (
            <div className="form-error" data-testid="referral-join-error">
              {error}
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
};
