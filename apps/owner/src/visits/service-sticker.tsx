import type { OwnerVisitDetail } from '@m4s/contracts';
import { dayOf, km, yuan } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useTenant } from '../tenant/tenant-context.tsx';
import './service-sticker.css';

/**
 * The delivery card drawn as the 保养提示贴 a 4S store sticks inside the windscreen: the next service by
 * date and by odometer, whichever comes first, under the dealer's name; "本次保养" only when maintenance
 * work was done (a wiper on a 保养 booking reads 本次维修).
 */
export const ServiceSticker = ({ visit }: { visit: OwnerVisitDetail }) => {
  const { t, locale } = useI18n();
  const tenant = useTenant();
  const done = visit.deliveredAt ? dayOf(visit.deliveredAt) : null;
  const paid = visit.payments.reduce((sum, p) => sum + p.amountFen, 0);
  const method = visit.payments[0]?.method;
  // What was actually done (the approved lines' work), never the booking's service type.
  const work = t(`sticker.work.${visit.workDone ?? 'other'}`);
  return (
    <section className="sticker" data-testid="service-sticker">
      <header className="sticker-head">
        <span className="sticker-brand">{tenant.shortName}</span>
        <span className="sticker-title">{t('sticker.title')}</span>
      </header>
      <div className="sticker-body">
        <div className="sticker-caption">{t('sticker.next')}</div>
        <div className="sticker-row">
          <span className="sticker-label">{t('sticker.date')}</span>
          <span className="sticker-value" data-testid="next-service-date">
            {visit.nextServiceDate ?? '—'}
          </span>
        </div>
        <div className="sticker-row">
          <span className="sticker-label">{t('sticker.km')}</span>
          <span className="sticker-value" data-testid="next-service-km">
            {visit.nextServiceKm === null ? '—' : t('visit.km', { km: km(visit.nextServiceKm, locale) })}
          </span>
        </div>
        <div className="sticker-note">{t('sticker.whichever')}</div>
      </div>
      <footer className="sticker-foot">
        {done ? (
          <div data-testid="work-done">
            {visit.mileageKm === null
              ? t('sticker.thisNoKm', { work, date: done })
              : t('sticker.this', { work, date: done, km: km(visit.mileageKm, locale) })}
          </div>
        ) : null}
        {method ? (
          <div data-testid="visit-paid">
            {t('sticker.paid', { amount: yuan(paid, locale), method: t(`pay.${method}`) })}
          </div>
        ) : null}
        <div>
          {visit.store.name}
          {visit.store.phone ? ` · ${visit.store.phone}` : ''}
        </div>
      </footer>
    </section>
  );
};
