import { Button, Dialog, NavBar, Steps, Tag, Toast } from 'antd-mobile';
import { useParams } from 'react-router-dom';
import type { OwnerServiceRequest } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useBack } from '../ui/use-back.ts';
import { useLiveState } from '../visits/live-events.ts';
import { CallButtons } from './call-buttons.tsx';
import { pick, useCancelRequest, useRequest } from './services-api.ts';
import './services.css';

const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
const stamp = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** What the latest step says: the driver and their ETA, or the store's reply. */
const Current = ({ r }: { r: OwnerServiceRequest }) => {
  const { t } = useI18n();
  const { driver, etaAt, etaMinutes, reply, driverPhone } = r.current;
  return (
    <div className="svc-current" data-testid="svc-current">
      {typeof driver === 'string' ? (
        <p data-testid="svc-driver">
          {r.serviceId === 'rescue' ? t('svc.driver', { name: driver }) : t('svc.driverOnly', { name: driver })}
          {typeof driverPhone === 'string' ? (
            <a className="svc-inline-call" href={`tel:${driverPhone}`}>
              {driverPhone}
            </a>
          ) : null}
        </p>
      ) : null}
      {typeof etaAt === 'string' ? (
        <p data-testid="svc-eta">{t('svc.eta', { time: clock(etaAt), min: Number(etaMinutes ?? 0) })}</p>
      ) : null}
      {typeof reply === 'string' ? <p data-testid="svc-reply">{t('svc.reply', { text: reply })}</p> : null}
    </div>
  );
};

/** One request: its steps as they happen (the live stream refetches it), the call lines, a cancel while new. */
export const RequestPage = () => {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const back = useBack('/services');
  const request = useRequest(id);
  const cancel = useCancelRequest(id);
  const live = useLiveState();
  if (request.isLoading) return <PageLoading />;
  if (request.isError || !request.data) return <LoadFailed onRetry={() => void request.refetch()} />;
  const r = request.data;
  const reached = r.steps.findIndex((s) => s.key === r.status);
  const ask = async () => {
    if (!(await Dialog.confirm({ content: t('svc.cancelConfirm') }))) return;
    cancel.mutate(undefined, {
      onSuccess: () => void request.refetch(),
      onError: (e) => Toast.show({ content: errorText(e, t('svc.failed')) }),
    });
  };
  return (
    <div className="tab-page" data-testid="page-service-request">
      <NavBar onBack={back}>{pick(r.serviceName, locale)}</NavBar>
      <section className="svc-card">
        <div className="svc-card-head">
          <span className="svc-card-title">{r.storeName}</span>
          <Tag color={r.status === 'cancelled' ? 'default' : r.closed ? 'success' : 'primary'} data-testid="svc-status">
            {pick(r.statusLabel, locale)}
          </Tag>
          {live === 'open' ? <span className="svc-live">{t('svc.live')}</span> : null}
        </div>
        {!r.closed ? <p className="svc-note">{t('svc.due', { time: stamp(r.dueAt) })}</p> : null}
        <Current r={r} />
        {r.status === 'cancelled' ? (
          <p data-testid="svc-cancelled">{t('svc.cancelled')}</p>
        ) : (
          <Steps direction="vertical" current={reached} aria-label={t('svc.status')}>
            {r.steps.map((s) => {
              const event = r.events.find((e) => e.status === s.key);
              return (
                <Steps.Step
                  key={s.key}
                  title={pick(s.label, locale)}
                  description={event ? stamp(event.at) : undefined}
                  data-testid={`svc-step-${s.key}`}
                />
              );
            })}
          </Steps>
        )}
      </section>
      <CallButtons calls={r.calls} />
      <section className="svc-card">
        <div className="svc-card-title">{t('svc.yourAnswers')}</div>
        <ul className="svc-answers">
          {Object.entries(r.answers).map(([k, v]) => (
            <li key={k}>{String(v)}</li>
          ))}
          {r.hasLocation ? <li>{t('svc.locationShared')}</li> : null}
          {r.hasPhoto ? <li>{t('svc.photoSent')}</li> : null}
        </ul>
      </section>
      {r.cancellable ? (
        <Button block shape="rounded" loading={cancel.isPending} onClick={() => void ask()} data-testid="svc-cancel">
          {t('svc.cancel')}
        </Button>
      ) : null}
    </div>
  );
};
