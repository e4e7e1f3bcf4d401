import { DotLoading, List, NavBar, Tag } from 'antd-mobile';
import { CalendarOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import type { OwnerEvent } from '@m4s/contracts';
import { EmptyState, LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useBack } from '../ui/use-back.ts';
import { useOwnerEvents } from './events-api.ts';
import './events.css';

export const useMoment = () => {
  const { locale } = useI18n();
  return (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      month: 'short',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(new Date(iso));
};

/** The sign-up's state as a tag (none when the owner has not signed up). */
export const SignupTag = ({ e }: { e: OwnerEvent }) => {
  const { t } = useI18n();
  if (e.status === 'cancelled') return <Tag color="default">{t('events.cancelledTag')}</Tag>;
  if (e.mine?.checkedInAt) return <Tag color="success">{t('events.checkedInTag')}</Tag>;
  if (e.mine?.status === 'confirmed') return <Tag color="primary">{t('events.confirmedTag')}</Tag>;
  if (e.mine?.status === 'waiting') return <Tag color="warning">{t('events.waitingTag')}</Tag>;
  if (!e.open) return <Tag color="default">{t('events.closedTag')}</Tag>;
  return null;
};

/** 我的 › 活动: what the owner may join, and what they joined. */
export const EventsPage = () => {
  const { t } = useI18n();
  const back = useBack('/me');
  const navigate = useNavigate();
  const moment = useMoment();
  const events = useOwnerEvents();
  return (
    <div className="events-page" data-testid="page-events">
      <NavBar onBack={back}>{t('events.title')}</NavBar>
      {events.isPending ? (
        <DotLoading color="primary" />
      ) : events.isError ? (
        <LoadFailed onRetry={() => void events.refetch()} />
      ) : events.data.items.length === 0 ? (
        <EmptyState icon={<CalendarOutline />} title={t('events.none')} description={t('events.entry')} />
      ) : (
        <List mode="card" data-testid="event-list">
          {events.data.items.map((e) => (
            <List.Item
              key={e.id}
              data-testid="event-item"
              onClick={() => void navigate(`/events/${e.id}`)}
              description={
                <span className="event-meta">
                  {t(`events.kind.${e.kind}`)} · {moment(e.startsAt)} · {e.place}
                </span>
              }
              extra={<SignupTag e={e} />}
            >
              {e.title}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
};
