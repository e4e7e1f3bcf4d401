import { Badge, Button, DotLoading, List, NavBar } from 'antd-mobile';
import { MessageOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import { EmptyState, LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useBack } from '../ui/use-back.ts';
import { useChats } from './chat-api.ts';
import './chat.css';

/** 咨询: the assistant first, then the sales consultant, service advisor and insurance advisor. */
export const ChatListPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const back = useBack('/me');
  const chats = useChats();
  const body = () => {
    if (chats.isPending) return <DotLoading color="primary" />;
    if (chats.isError) return <LoadFailed onRetry={() => void chats.refetch()} />;
    if (!chats.data.canChat)
      return (
        <EmptyState
          testId="chat-no-car"
          icon={<MessageOutline />}
          title={t('chat.noCarTitle')}
          description={t('chat.noCarHint')}
        >
          <Button color="primary" onClick={() => void navigate('/records/add')}>
            {t('chat.addCar')}
          </Button>
        </EmptyState>
      );
    const order = ['assistant', 'sales', 'service', 'insurance'] as const;
    return (
      <List mode="card" data-testid="chat-list">
        {order.map((kind) => {
          const c = chats.data.items.find((x) => x.kind === kind);
          const who =
            kind === 'assistant'
              ? t('chat.assistantHint')
              : (c?.advisorName ?? t('chat.pool', { store: c?.storeName ?? '' }));
          return (
            <List.Item
              key={kind}
              onClick={() => void navigate(`/chat/${kind}`)}
              description={c?.lastText ?? (kind === 'assistant' ? who : t('chat.empty'))}
              extra={
                c && c.unread > 0 ? (
                  <Badge content={c.unread} aria-label={t('chat.unread', { count: c.unread })} />
                ) : null
              }
              data-testid={`chat-${kind}`}
            >
              {t(`chat.kind.${kind}`)}
              {kind !== 'assistant' ? <span className="chat-who"> · {who}</span> : null}
            </List.Item>
          );
        })}
      </List>
    );
  };
  return (
    <div className="chat-page">
      <NavBar onBack={back}>{t('chat.title')}</NavBar>
      {body()}
    </div>
  );
};
