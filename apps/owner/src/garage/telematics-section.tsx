import { Button, Dialog, DotLoading, Tag, Toast } from 'antd-mobile';
import { telematicsSharedData } from '@m4s/contracts';
import { dayOf, errorText, km, stamp } from '@m4s/web-kit';
import { LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useCarTelematics, useConsent } from './telematics-api.ts';
import './telematics.css';

/**
 * 车联网数据共享 on the car's page: whether the owner consented, what is shared and with whom, the latest
 * reading, and the one button that gives or withdraws the consent (each audited on the server).
 */
export const TelematicsSection = ({ vehicleId }: { vehicleId: string }) => {
  const { t, locale } = useI18n();
  const car = useCarTelematics(vehicleId);
  const consent = useConsent(vehicleId);

  if (car.isPending)
    return (
      <section className="car-card tm-card">
        <DotLoading color="primary" />
      </section>
    );
  if (car.isError) return <LoadFailed onRetry={() => void car.refetch()} />;
  const view = car.data;
  const on = view.consent !== null;

  const toggle = async () => {
    const ok = await Dialog.confirm({
      title: t(on ? 'tm.revoke' : 'tm.give'),
      content: on ? t('tm.revokeConfirm') : t('tm.giveConfirm', { name: view.dealerName }),
    });
    if (!ok) return;
    consent.mutate(!on, {
      onSuccess: () => Toast.show({ icon: 'success', content: t(on ? 'tm.revoked' : 'tm.given') }),
      onError: (error) => Toast.show({ content: errorText(error, t('tm.failed')) }),
    });
  };

  const latest = view.latest;
  return (
    <section className="car-card tm-card" data-testid="telematics">
      <header className="tm-head">
        <h2 className="tm-title">{t('tm.title')}</h2>
        <Tag color={on ? 'success' : 'default'} fill="outline" data-testid="telematics-state">
          {t(on ? 'tm.on' : 'tm.off')}
        </Tag>
      </header>
      <p className="tm-hint">{view.consent ? t('tm.since', { date: dayOf(view.consent.givenAt) }) : t('tm.offHint')}</p>
      <dl className="tm-facts">
        <dt>{t('tm.what')}</dt>
        <dd>{telematicsSharedData.map((s) => t(`tm.share.${s}`)).join('、')}</dd>
        <dt>{t('tm.whom')}</dt>
        <dd>
          <div>{t('tm.whomDealer', { name: view.dealerName })}</div>
          {view.providers.length === 0 ? (
            <div className="tm-muted">{t('tm.noProvider')}</div>
          ) : (
            view.providers.map((p) => (
              <div key={`${p.name}-${p.provider}`}>{t('tm.whomProvider', { name: p.name, provider: p.provider })}</div>
            ))
          )}
        </dd>
      </dl>
      {on && (
        <div className="tm-latest" data-testid="telematics-latest">
          {latest ? (
            <>
              <div className="tm-muted">{t('tm.latest', { at: stamp(latest.at) })}</div>
              <div className="tm-values">
                {[
                  latest.odometerKm === null ? null : t('tm.km', { km: km(latest.odometerKm, locale) }),
                  latest.batteryVoltage === null ? null : t('tm.volts', { v: latest.batteryVoltage.toFixed(1) }),
                  latest.fuelPct === null ? null : t('tm.fuel', { pct: Math.round(latest.fuelPct) }),
                  latest.chargePct === null ? null : t('tm.charge', { pct: Math.round(latest.chargePct) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </div>
              {latest.faultCodes.length > 0 && (
                <ul className="tm-faults">
                  {latest.faultCodes.map((f) => (
                    <li key={f.code}>
                      <strong>{f.code}</strong> {f.meaning ?? t('tm.unknownCode')}
                    </li>
                  ))}
                </ul>
              )}
            </>
          ) : (
            <div className="tm-muted">{t('tm.latestNone')}</div>
          )}
        </div>
      )}
      <Button
        block
        shape="rounded"
        color={on ? 'default' : 'primary'}
        fill={on ? 'outline' : 'solid'}
        loading={consent.isPending}
        onClick={() => void toggle()}
        data-testid={on ? 'telematics-revoke' : 'telematics-give'}
      >
        {t(on ? 'tm.revoke' : 'tm.give')}
      </Button>
    </section>
  );
};
