import { Button, Dialog, Tag, Toast } from 'antd-mobile';
import { ClockCircleOutline, CloseCircleOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import type { OwnerBinding } from '@m4s/contracts';
import { dayOf, errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useRemoveBinding } from './garage-api.ts';
import { PlateBadge } from './plate-badge.tsx';

const RequestItem = ({ request }: { request: OwnerBinding }) => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const remove = useRemoveBinding();
  const pending = request.status === 'pending';
  const withdraw = async () => {
    if (pending && !(await Dialog.confirm({ content: t('garage.withdrawConfirm') }))) return;
    remove.mutate(request.id, {
      onError: (error) => Toast.show({ content: errorText(error, t('garage.actionFailed')) }),
    });
  };
  return (
    <li className="request-item" data-testid={`request-${request.status}`}>
      <div className="request-head">
        <span className="request-icon" aria-hidden>
          {pending ? <ClockCircleOutline /> : <CloseCircleOutline />}
        </span>
        <div className="request-car">
          <div className="request-name">
            {[request.brandName, request.seriesName].filter(Boolean).join(' ') ||
              t('garage.vinEnding', { vin: request.vinLast6 })}
          </div>
          <div className="request-sub">
            {t('garage.vinEnding', { vin: request.vinLast6 })} ·{' '}
            {t('garage.requestedAt', { date: dayOf(request.requestedAt) })}
          </div>
        </div>
        {request.plate ? <PlateBadge plate={request.plate} /> : null}
      </div>
      <div className="request-status">
        <Tag color={pending ? 'warning' : 'danger'} fill="outline" data-testid="request-status">
          {pending ? t('garage.pending') : t('garage.rejected')}
        </Tag>
        <span className="request-hint">
          {pending
            ? t('garage.pendingHint')
            : request.reason
              ? t('garage.rejectedReason', { reason: request.reason })
              : t('garage.rejectedHint')}
        </span>
      </div>
      <div className="request-actions">
        <Button size="mini" fill="none" onClick={() => void withdraw()} loading={remove.isPending}>
          {pending ? t('garage.withdraw') : t('garage.dismiss')}
        </Button>
        {pending ? null : (
          <Button size="mini" color="primary" fill="outline" onClick={() => void navigate('/records/add')}>
            {t('garage.retry')}
          </Button>
        )}
      </div>
    </li>
  );
};

/** Requests the store has not confirmed: waiting (门店确认中) or turned down with the store's reason. */
export const RequestList = ({ requests }: { requests: OwnerBinding[] }) => {
  const { t } = useI18n();
  if (requests.length === 0) return null;
  return (
    <section className="garage-section" data-testid="garage-requests">
      <h2 className="garage-section-title">{t('garage.requestsTitle')}</h2>
      <ul className="request-list">
        {requests.map((r) => (
          <RequestItem key={r.id} request={r} />
        ))}
      </ul>
    </section>
  );
};
