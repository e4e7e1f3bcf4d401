import { DotLoading, NavBar } from 'antd-mobile';
import {
  BellOutline,
  CalendarOutline,
  CheckCircleOutline,
  ClockCircleOutline,
  FileOutline,
  MessageOutline,
} from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import type { InboxMessage } from '@m4s/contracts';
import { stamp } from '@m4s/web-kit';
import { EmptyState, LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useBack } from '../ui/use-back.ts';
import { useInbox, useMarkRead, useReadAll } from './inbox-api.ts';
import '../garage/garage.css';
import './inbox.css';

// booking_confirmed, visit_status, visit_estimate, visit_delivered…: an icon per kind of news.
const iconOf = (topic: string) => {
  if (topic.includes('estimate')) return <FileOutline />;
  if (topic.includes('delivered')) return <CheckCircleOutline />;
  if (topic.startsWith('booking')) return <CalendarOutline />;
  if (topic.startsWith('visit')) return <ClockCircleOutline />;
  return <MessageOutline />;
};

const Item = ({ message, onOpen }: { message: InboxMessage; onOpen: (m: InboxMessage) => void }) => (
  <li>
    <button
      type="button"
      className={`inbox-item${message.readAt ? '' : ' inbox-item-unread'}`}
      onClick={() => onOpen(message)}
      data-testid="inbox-item"
      data-read={message.readAt ? 'true' : 'false'}
    >
      <span className="inbox-icon" aria-hidden>
        {iconOf(message.topic)}
      </span>
      <span className="inbox-text">
        <span className="inbox-top">
          <span className="inbox-title">{message.title}</span>
          <time className="inbox-time">{stamp(message.createdAt)}</time>
        </span>
        <span className="inbox-body">{message.body}</span>
      </span>
    </button>
  </li>
);

/** 消息中心: newest first, unread marked; opening one marks it read and follows its link into the app. */
export const InboxPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const back = useBack('/me');
  const inbox = useInbox();
  const markRead = useMarkRead();
  const readAll = useReadAll();

  const open = (message: InboxMessage) => {
    if (!message.readAt) markRead.mutate(message.id);
    // Only paths inside this app: a link is never a way out to another site.
    if (message.link?.startsWith('/') && !message.link.startsWith('//')) void navigate(message.link);
  };

  const body = () => {
    if (inbox.isPending)
      return (
        <div className="garage-loading">
          <DotLoading color="primary" />
        </div>
      );
    if (inbox.isError) return <LoadFailed onRetry={() => void inbox.refetch()} />;
    if (inbox.data.items.length === 0)
      return (
        <EmptyState
          testId="inbox-empty"
          icon={<BellOutline />}
          title={t('inbox.emptyTitle')}
          description={t('inbox.emptyHint')}
        />
      );
    return (
      <ul className="inbox-list" data-testid="inbox-list">
        {inbox.data.items.map((m) => (
          <Item key={m.id} message={m} onOpen={open} />
        ))}
      </ul>
    );
  };

  const unread = inbox.data?.unread ?? 0;
  return (
    <div className="sub-page" data-testid="page-inbox">
      <NavBar
        className="sub-page-nav"
        onBack={back}
        right={
          unread > 0 ? (
            <button
              type="button"
              className="nav-link"
              onClick={() => readAll.mutate()}
              disabled={readAll.isPending}
              data-testid="inbox-read-all"
            >
              {t('inbox.readAll')}
            </button>
          ) : null
        }
      >
        {t('inbox.title')}
      </NavBar>
      {body()}
    </div>
  );
};
