import { Badge, List, Tag } from 'antd-mobile';
import { MessageOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import { EmptyState, LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { PageBar } from '../customers/page-bar.tsx';
import { useI18n } from '../i18n.ts';
import { useChatInbox, useChatLive } from './chat-api.ts';
import './chat.css';

/** 会员咨询: my customers' conversations and my store's pool, unread first, live. */
export const ChatInboxPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const inbox = useChatInbox();
  useChatLive();
  const list = () => {
    if (inbox.isLoading) return <PageLoading />;
    if (inbox.isError || !inbox.data) return <LoadFailed onRetry={() => void inbox.refetch()} />;
    if (inbox.data.items.length === 0)
      return <EmptyState icon={<MessageOutline />} title={t('chat.empty')} description="" testId="chat-empty" />;
    return (
      <List data-testid="chat-inbox">
        {inbox.data.items.map((c) => (
          <List.Item
            key={c.id}
            onClick={() => void navigate(`/chat/${c.id}`)}
            description={c.lastText ?? ''}
            extra={c.unread > 0 ? <Badge content={c.unread} /> : null}
            data-testid="chat-conversation"
          >
            {c.customerName} <Tag color="primary">{t(`chat.kind.${c.kind}`)}</Tag>{' '}
            {c.mine ? null : <Tag color="default">{t('chat.pool')}</Tag>}
          </List.Item>
        ))}
      </List>
    );
  };
  return (
    <div className="chat-staff-page">
      <PageBar title={t('chat.title')} />
      {list()}
    </div>
  );
};
