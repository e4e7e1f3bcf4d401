import { useState } from 'react';
import { Button, DotLoading, NavBar } from 'antd-mobile';
import { FileOutline, RightOutline } from 'antd-mobile-icons';
import { useNavigate, useParams } from 'react-router-dom';
import type { OwnerVisit } from '@m4s/contracts';
import { ApiError, dayOf, km, yuan } from '@m4s/web-kit';
import { EmptyState, LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useTenant } from '../tenant/tenant-context.tsx';
import { CarDates } from './car-dates.tsx';
import { useVehicleHistory } from './garage-api.ts';
import { PlateBadge } from './plate-badge.tsx';
import { TelematicsSection } from './telematics-section.tsx';
import { CarTitle } from './vehicle-card.tsx';
import { VisitSheet } from './visit-sheet.tsx';
import './garage.css';
import './history.css';

const Timeline = ({ visits, onOpen }: { visits: OwnerVisit[]; onOpen: (v: OwnerVisit) => void }) => {
  const { t, locale } = useI18n();
  return (
    <ol className="timeline" data-testid="visit-timeline">
      {visits.map((v) => (
        <li key={v.id} className={`timeline-item timeline-${v.type}`}>
          <span className="timeline-dot" aria-hidden />
          <button type="button" className="timeline-card" onClick={() => onOpen(v)} data-testid="visit">
            <div className="timeline-top">
              <span className="timeline-date">{dayOf(v.dateIn)}</span>
              <span className={`ro-type ro-type-${v.type}`}>{t(`ro.${v.type}`)}</span>
              <span className="timeline-amount">{v.totalFen === 0 ? t('history.free') : yuan(v.totalFen, locale)}</span>
            </div>
            <div className="timeline-sub">
              {[v.storeName, v.mileageKm === null ? null : t('history.km', { km: km(v.mileageKm, locale) })]
                .filter(Boolean)
                .join(' · ')}
              <RightOutline className="timeline-more" />
            </div>
            <div className="timeline-lines">{v.lines.map((l) => l.description).join('、')}</div>
          </button>
        </li>
      ))}
    </ol>
  );
};

/** 维修档案 of one car: its dates on top, then every workshop visit, newest first; tap one for its lines. */
export const HistoryPage = () => {
  const { vehicleId = '' } = useParams();
  const { t } = useI18n();
  const tenant = useTenant();
  const navigate = useNavigate();
  const history = useVehicleHistory(vehicleId);
  const [selected, setSelected] = useState<OwnerVisit | null>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  const back = () => void navigate('/records');

  const body = () => {
    if (history.isPending)
      return (
        <div className="garage-loading">
          <DotLoading color="primary" />
        </div>
      );
    if (history.error instanceof ApiError && history.error.status === 404)
      return (
        <EmptyState
          testId="history-not-found"
          icon={<FileOutline />}
          title={t('history.notFoundTitle')}
          description={t('history.notFoundHint')}
        >
          <Button color="primary" fill="outline" shape="rounded" onClick={back}>
            {t('history.backToGarage')}
          </Button>
        </EmptyState>
      );
    if (history.isError) return <LoadFailed onRetry={() => void history.refetch()} />;
    const { vehicle, visits } = history.data;
    return (
      <>
        <section className="car-card history-car" data-testid="history-car">
          <header className="car-card-head">
            <CarTitle car={vehicle} />
            {vehicle.plate ? <PlateBadge plate={vehicle.plate} /> : null}
          </header>
          <CarDates car={vehicle} />
        </section>
        <TelematicsSection vehicleId={vehicle.vehicleId} />
        <h2 className="garage-section-title">{t('history.visits', { count: visits.length })}</h2>
        {visits.length === 0 ? (
          <EmptyState
            testId="history-empty"
            icon={<FileOutline />}
            title={t('history.emptyTitle')}
            description={t('history.emptyHint', { name: tenant.shortName })}
          />
        ) : (
          <Timeline
            visits={visits}
            onOpen={(v) => {
              setSelected(v);
              setSheetOpen(true);
            }}
          />
        )}
      </>
    );
  };

  return (
    <div className="sub-page" data-testid="page-history">
      <NavBar className="sub-page-nav" onBack={back}>
        {t('history.title')}
      </NavBar>
      {body()}
      <VisitSheet visit={selected} visible={sheetOpen} onClose={() => setSheetOpen(false)} />
    </div>
  );
};
