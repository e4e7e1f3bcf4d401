import { useState } from 'react';
import { FileOutline } from 'antd-mobile-icons';
import { useParams } from 'react-router-dom';
import { ApiError } from '@m4s/web-kit';
import { EmptyState, LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useStaffSession } from '../session/staff-session.ts';
import { PageBar } from '../customers/page-bar.tsx';
import { DeliverSheet } from './deliver-sheet.tsx';
import { MemberBanner } from '../loyalty/member-banner.tsx';
import { EstimateSection } from './estimate-section.tsx';
import { StageActions } from './stage-actions.tsx';
import { useVisit } from './visit-api.ts';
import { useLiveState, useStoreLiveEvents } from './live-events.ts';
import { DeliveryCard, InspectionSection, ProgressSection, VisitHeader } from './visit-sections.tsx';
import '../customers/search.css';
import '../customers/c360.css';
import './visit.css';

/**
 * One car's visit on the advisor's phone: who and what, the estimate the customer approves line by line,
 * the stage buttons at the bottom, and after 交车 the repair order and the next service.
 */
export const VisitPage = () => {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { me } = useStaffSession();
  const visit = useVisit(id);
  const [delivering, setDelivering] = useState(false);
  const canWrite = me?.permissions.includes('visit.write') ?? false;
  useStoreLiveEvents(visit.data?.storeId);
  const live = useLiveState();

  if (visit.isPending) return <PageLoading />;
  if (visit.isError) {
    if (visit.error instanceof ApiError && visit.error.status === 404) {
      return (
        <div className="sub-page">
          <PageBar title={t('visit.title')} />
          <EmptyState variant="page" icon={<FileOutline />} title={t('visit.notFound')} description="" />
        </div>
      );
    }
    return <LoadFailed onRetry={() => void visit.refetch()} />;
  }

  const v = visit.data;
  const acting = canWrite && v.status !== 'delivered';
  return (
    <div
      className={`sub-page visit${acting ? ' visit-with-actions' : ''}`}
      data-testid="visit-page"
      data-status={v.status}
      data-live={live}
    >
      <PageBar title={t('visit.title')} />
      <VisitHeader visit={v} />
      <MemberBanner visitId={v.id} />
      <DeliveryCard visit={v} />
      <EstimateSection visit={v} canWrite={canWrite} />
      <ProgressSection visit={v} />
      <InspectionSection visit={v} />
      {acting && <StageActions visit={v} onDeliver={() => setDelivering(true)} />}
      {canWrite && <DeliverSheet visit={v} open={delivering} onClose={() => setDelivering(false)} />}
    </div>
  );
};
