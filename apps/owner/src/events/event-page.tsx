import { Button, Dialog, DotLoading, List, NavBar, Toast } from 'antd-mobile';
import { CalendarOutline } from 'antd-mobile-icons';
import { useParams } from 'react-router-dom';
import { ticketPrefix, type OwnerEvent } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { QrImage } from '../ui/qr-image.tsx';
import { useBack } from '../ui/use-back.ts';
import { useOwnerEvent, useSignup } from './events-api.ts';
import { SignupTag, useMoment } from './events-page.tsx';
import './events.css';

/** The QR ticket of a confirmed seat: what the staff's 活动签到 scans (or types from the code under it). */
const Ticket = ({ e }: { e: OwnerEvent }) => {
  const { t } = useI18n();
  const moment = useMoment();
  const code = e.mine?.ticketCode;
  if (!code) return null;
  if (e.mine?.checkedInAt)
    return (
      <div className="event-ticket" data-testid="event-checked-in">
        {t('events.checkedIn', { at: moment(e.mine.checkedInAt) })}
      </div>
    );
  return (
    <div className="event-ticket" data-testid="event-ticket" data-code={code}>
      <div>{t('events.ticket')}</div>
      <QrImage value={`${ticketPrefix}${code}`} size={200} alt={code} testId="event-qr" />
      <div className="event-ticket-code" data-testid="event-ticket-code">
        {t('events.ticketCode', { code })}
      </div>
      <div className="event-ticket-hint">{t('events.ticketHint')}</div>
    </div>
  );
};

/** One event: what, when, where, places left; sign up, join the waiting list, or give the place up. */
export const EventPage = () => {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const back = useBack('/events');
  const moment = useMoment();
  const event = useOwnerEvent(id);
  const act = useSignup(id);
  const run = (action: 'signup' | 'cancel') =>
    act.mutate(action, {
      onSuccess: (e) =>
        action === 'signup'
          ? Toast.show({
              icon: 'success',
              content:
                e.mine?.status === 'waiting'
                  ? t('events.waiting', { position: e.mine.position ?? 1 })
                  : t('events.signedUp'),
            })
          : undefined,
      onError: (error) => Toast.show({ content: errorText(error, t('events.failed')) }),
    });
  if (event.isPending)
    return (
      <div className="events-page">
        <NavBar onBack={back}>{t('events.title')}</NavBar>
        <DotLoading color="primary" />
      </div>
    );
  if (event.isError) return <LoadFailed onRetry={() => void event.refetch()} />;
  const e = event.data;
  const active = e.mine && e.mine.status !== 'cancelled';
  return (
    <div className="events-page" data-testid="page-event" data-status={e.mine?.status ?? 'none'}>
      <NavBar onBack={back}>{t(`events.kind.${e.kind}`)}</NavBar>
      <List mode="card" header={e.title}>
        <List.Item prefix={<CalendarOutline />} extra={<SignupTag e={e} />}>
          {moment(e.startsAt)} – {moment(e.endsAt)}
        </List.Item>
        <List.Item extra={e.place}>{t('events.place')}</List.Item>
        <List.Item extra={e.storeName ?? t('events.group')}>{t('events.store')}</List.Item>
        <List.Item
          extra={
            <span data-testid="event-seats">{t('events.seats', { left: e.seatsLeft, capacity: e.capacity })}</span>
          }
        >
          {t('events.deadline', { at: moment(e.signupDeadline) })}
        </List.Item>
      </List>
      {e.status === 'cancelled' && e.cancelReason ? (
        <div className="event-desc">{t('events.cancelledReason', { reason: e.cancelReason })}</div>
      ) : null}
      {e.description ? <div className="event-desc">{e.description}</div> : null}
      {e.mine?.status === 'waiting' ? (
        <div className="event-ticket" data-testid="event-waiting">
          {t('events.waiting', { position: e.mine.position ?? 1 })}
        </div>
      ) : null}
      <Ticket e={e} />
      <div className="event-actions">
        {!active && e.open ? (
          <Button
            color="primary"
            block
            loading={act.isPending}
            onClick={() => run('signup')}
            data-testid="event-signup"
          >
            {e.seatsLeft > 0 ? t('events.signup') : t('events.signupWait')}
          </Button>
        ) : null}
        {active && !e.mine?.checkedInAt && e.status === 'published' ? (
          <Button
            block
            loading={act.isPending}
            data-testid="event-cancel"
            onClick={() =>
              void Dialog.confirm({ content: t('events.cancelConfirm') }).then((ok) => (ok ? run('cancel') : undefined))
            }
          >
            {t('events.cancel')}
          </Button>
        ) : null}
      </div>
    </div>
  );
};
