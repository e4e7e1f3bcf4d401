import type { ReactNode } from 'react';
import { ImageViewer, Tag } from 'antd-mobile';
import { PhoneFill } from 'antd-mobile-icons';
import { visitRoutes, type Visit, type VisitStatus } from '@m4s/contracts';
import { api, km, stamp, yuan } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { Plate } from '../customers/vehicle-list.tsx';
import { Section } from '../customers/section.tsx';

export const statusColours: Record<VisitStatus, string> = {
  checked_in: 'primary',
  in_bay: 'primary',
  waiting_parts: 'warning',
  quality_check: '#7c4dff',
  ready: 'success',
  delivered: 'default',
};

const Facts = ({ rows }: { rows: [string, ReactNode][] }) => (
  <dl className="c-facts">
    {rows.map(([label, value]) => (
      <div key={label} className="c-fact">
        <dt>{label}</dt>
        <dd>{value}</dd>
      </div>
    ))}
  </dl>
);

/** The car, the customer (a tap to call when the number is shown in full) and where the visit stands. */
export const VisitHeader = ({ visit: v }: { visit: Visit }) => {
  const { t, locale } = useI18n();
  const car = [v.vehicle.brandName, v.vehicle.seriesName, v.vehicle.modelName].filter(Boolean).join(' ');
  const none = <span className="c-muted">{t('visit.none')}</span>;
  return (
    <section className="visit-hero" data-testid="visit-hero">
      <div className="visit-hero-head">
        <Plate plate={v.vehicle.plate} />
        <div className="visit-hero-car">
          <div className="visit-car">{car || v.vehicle.vin}</div>
          <div className="c-muted">
            {v.customer.name}
            {v.customer.phone && <span className="tabular"> · {v.customer.phone}</span>}
          </div>
        </div>
        <Tag color={statusColours[v.status]} className="visit-status" data-testid="visit-status" data-status={v.status}>
          {t(`visit.status.${v.status}`)}
        </Tag>
      </div>
      {v.customer.phone && !v.customer.phoneMasked && (
        <a className="c-call visit-call" href={`tel:${v.customer.phone}`}>
          <PhoneFill /> {t('c360.call')}
        </a>
      )}
      <Facts
        rows={[
          [t('visit.checkedInAt'), <span className="tabular">{stamp(v.checkedInAt)}</span>],
          [
            t('visit.mileage'),
            v.mileageKm === null ? (
              none
            ) : (
              <span className="tabular">{t('vehicle.km', { km: km(v.mileageKm, locale) })}</span>
            ),
          ],
          [t('visit.service'), v.serviceTypeName ?? t('visit.walkIn')],
          [t('visit.promisedAt'), v.promisedAt ? <span className="tabular">{stamp(v.promisedAt)}</span> : none],
          [t('visit.advisor'), v.advisor?.name ?? none],
          [t('visit.concerns'), v.concerns ?? none],
        ]}
      />
    </section>
  );
};

/** 交车信息: the repair order, the payment, and the 保养提示贴 (next service date and mileage). */
export const DeliveryCard = ({ visit: v }: { visit: Visit }) => {
  const { t, locale } = useI18n();
  if (v.status !== 'delivered') return null;
  const next =
    v.nextServiceDate && v.nextServiceKm !== null
      ? t('deliver.nextValue', { date: v.nextServiceDate, km: km(v.nextServiceKm, locale) })
      : (v.nextServiceDate ?? t('visit.none'));
  return (
    <Section title={t('deliver.card')} testId="delivery">
      <div className="visit-next" data-testid="visit-next-service">
        <span className="visit-next-label">{t('deliver.next')}</span>
        <b>{next}</b>
      </div>
      <Facts
        rows={[
          [t('deliver.ro'), <span className="tabular">{v.repairOrderNumber ?? t('visit.none')}</span>],
          [t('deliver.deliveredAt'), v.deliveredAt ? <span className="tabular">{stamp(v.deliveredAt)}</span> : ''],
          ...v.payments.map((p): [string, ReactNode] => [
            t('deliver.method'),
            <span className="tabular" data-testid="visit-payment">
              {t('deliver.paid', { method: t(`deliver.method.${p.method}`), amount: yuan(p.amountFen, locale) })}
              {p.cashierName && <span className="c-muted"> · {t('deliver.receivedBy', { name: p.cashierName })}</span>}
            </span>,
          ]),
          [
            t('deliver.rating'),
            v.rating ? (
              <span data-testid="visit-rating">
                {t('deliver.ratingValue', { score: v.rating.score })}
                {v.rating.comment && <span className="c-muted"> · {v.rating.comment}</span>}
              </span>
            ) : (
              <span className="c-muted">{t('deliver.notRated')}</span>
            ),
          ],
        ]}
      />
    </Section>
  );
};

/** 维修进度: every stage with its time and who moved it, newest last as the owner sees it. */
export const ProgressSection = ({ visit: v }: { visit: Visit }) => {
  const { t } = useI18n();
  return (
    <Section title={t('visit.progress')} testId="visit-events">
      <ol className="c-timeline">
        {v.events.map((e, i) => (
          <li key={`${e.status}-${e.at}-${i}`} className="c-event" data-testid="visit-event" data-status={e.status}>
            <div className="c-event-head">
              <span className="c-event-channel">{t(`visit.status.${e.status}`)}</span>
              <span className="c-muted tabular">{stamp(e.at)}</span>
              {e.staffName && <span className="c-muted">{e.staffName}</span>}
            </div>
            {e.note && <p className="c-event-text">{e.note}</p>}
          </li>
        ))}
      </ol>
    </Section>
  );
};

/** 环车检查: the notes and the photos taken at check-in; a tap opens them full screen. */
export const InspectionSection = ({ visit: v }: { visit: Visit }) => {
  const { t } = useI18n();
  const urls = v.photos.map((p) => api.href(visitRoutes.photo, { params: { id: v.id, photoId: p.id } }));
  return (
    <Section title={t('visit.inspection')} testId="visit-inspection">
      <p className="visit-notes">{v.inspectionNotes ?? <span className="c-muted">{t('visit.none')}</span>}</p>
      {urls.length > 0 && (
        <>
          <div className="sheet-label">{t('visit.photos', { count: urls.length })}</div>
          <div className="photos">
            {urls.map((url, i) => (
              <button
                key={url}
                type="button"
                className="photo"
                onClick={() => ImageViewer.Multi.show({ images: urls, defaultIndex: i })}
                data-testid="visit-photo"
              >
                <img src={url} alt="" loading="lazy" />
              </button>
            ))}
          </div>
        </>
      )}
    </Section>
  );
};
