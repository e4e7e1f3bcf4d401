import { Button, DotLoading, Image, NavBar } from 'antd-mobile';
import { FileOutline, PhoneFill } from 'antd-mobile-icons';
import { useNavigate, useParams } from 'react-router-dom';
import type { OwnerVisitDetail } from '@m4s/contracts';
import { ApiError, km, stamp } from '@m4s/web-kit';
import { EmptyState, LoadFailed } from '@m4s/web-kit/mobile';
import { BookingFacts } from '../booking/booking-facts.tsx';
import { PlateBadge } from '../garage/plate-badge.tsx';
import { useI18n } from '../i18n.ts';
import { useBack } from '../ui/use-back.ts';
import { EstimateCard } from './estimate-card.tsx';
import { useLiveState } from './live-events.ts';
import { RatingCard } from './rating-card.tsx';
import { ServiceSticker } from './service-sticker.tsx';
import { StageStepper } from './stage-stepper.tsx';
import { useOwnerVisit, visitPhotoUrl } from './visits-api.ts';
import '../garage/garage.css';
import './visit.css';

/** The current stage in large type, with the live mark: the owner sees it change without reloading. */
const Hero = ({ visit }: { visit: OwnerVisitDetail }) => {
  const { t } = useI18n();
  const live = useLiveState();
  return (
    <section className={`visit-hero visit-hero-${visit.status}`}>
      <div className="visit-hero-top">
        {visit.vehicle.plate ? <PlateBadge plate={visit.vehicle.plate} /> : null}
        <span className={`visit-live visit-live-${live}`} data-testid="visit-live" data-state={live}>
          <span className="visit-live-dot" aria-hidden />
          {live === 'open' ? t('visit.live') : t('visit.reconnecting')}
        </span>
      </div>
      <div className="visit-hero-status" data-testid="visit-status" data-status={visit.status}>
        {t(`stage.${visit.status}`)}
      </div>
      <div className="visit-hero-hint">{t(`stageHint.${visit.status}`)}</div>
      {visit.promisedAt && visit.status !== 'delivered' ? (
        <div className="visit-hero-promised">{t('visit.promised', { time: stamp(visit.promisedAt) })}</div>
      ) : null}
    </section>
  );
};

const Detail = ({ visit }: { visit: OwnerVisitDetail }) => {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const undecided = visit.lines.some((l) => l.status === 'proposed');
  return (
    <>
      <Hero visit={visit} />
      {visit.status === 'delivered' ? <ServiceSticker visit={visit} /> : null}
      <RatingCard visit={visit} />
      {/* Lines waiting for the owner's word come first: the workshop may be waiting on them. */}
      {undecided ? <EstimateCard visit={visit} /> : null}
      <section className="visit-card">
        <h2 className="visit-card-title">{t('visit.progress')}</h2>
        <StageStepper status={visit.status} events={visit.events} />
      </section>
      {undecided ? null : <EstimateCard visit={visit} />}
      <section className="visit-card">
        <Button
          block
          fill="outline"
          shape="rounded"
          onClick={() => void navigate('/feedback/new')}
          data-testid="visit-feedback"
        >
          {t('feedback.entry')}
        </Button>
      </section>
      <section className="visit-card">
        <BookingFacts
          facts={[
            { key: 'store', label: t('visit.store'), value: visit.store.name },
            visit.serviceTypeName ? { key: 'service', label: t('visit.service'), value: visit.serviceTypeName } : null,
            {
              key: 'car',
              label: t('visit.car'),
              value: [visit.vehicle.plate, visit.vehicle.modelName].filter(Boolean).join(' · '),
            },
            visit.advisorName ? { key: 'advisor', label: t('visit.advisor'), value: visit.advisorName } : null,
            { key: 'checked-in', label: t('visit.checkedIn'), value: stamp(visit.checkedInAt) },
            visit.mileageKm === null
              ? null
              : {
                  key: 'mileage',
                  label: t('visit.mileage'),
                  value: t('visit.km', { km: km(visit.mileageKm, locale) }),
                },
            visit.concerns ? { key: 'concerns', label: t('visit.concerns'), value: visit.concerns } : null,
          ]}
        />
        {visit.photos.length > 0 ? (
          <>
            <div className="visit-photos-title">{t('visit.photos')}</div>
            <div className="visit-photos">
              {visit.photos.map((p) => (
                <Image
                  key={p.id}
                  src={visitPhotoUrl(visit.id, p.id)}
                  alt={p.caption ?? ''}
                  width={96}
                  height={72}
                  fit="cover"
                  lazy
                  className="visit-photo"
                />
              ))}
            </div>
          </>
        ) : null}
        {visit.store.phone ? (
          <a className="visit-call" href={`tel:${visit.store.phone}`}>
            <PhoneFill /> {t('visit.call')} {visit.store.phone}
          </a>
        ) : null}
      </section>
    </>
  );
};

/** 维修进度: the car's stage live (the app's event stream refetches this page's visit), estimate, delivery. */
export const VisitPage = () => {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const back = useBack('/services');
  const visit = useOwnerVisit(id);

  const body = () => {
    if (visit.isPending)
      return (
        <div className="garage-loading">
          <DotLoading color="primary" />
        </div>
      );
    if (visit.error instanceof ApiError && visit.error.status === 404)
      return (
        <EmptyState
          testId="visit-not-found"
          icon={<FileOutline />}
          title={t('visit.notFoundTitle')}
          description={t('visit.notFoundHint')}
        />
      );
    if (visit.isError) return <LoadFailed onRetry={() => void visit.refetch()} />;
    return <Detail visit={visit.data} />;
  };

  return (
    <div className="sub-page" data-testid="page-visit">
      <NavBar className="sub-page-nav" onBack={back}>
        {t('visit.title')}
      </NavBar>
      {body()}
    </div>
  );
};
