import { Badge, List } from 'antd-mobile';
import { MessageOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n.ts';
import { useChats } from './chat-api.ts';

/** The 咨询 entry (我的 and 车业务): the advisors and the assistant, with the unread count. */
export const ChatEntry = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const unread = (useChats().data?.items ?? []).reduce((n, c) => n + c.unread, 0);
  return (
    <List mode="card">
      <List.Item
        prefix={<MessageOutline className="hotline-icon" />}
        description={t('chat.entryHint')}
        extra={unread > 0 ? <Badge content={unread} aria-label={t('chat.unread', { count: unread })} /> : null}
        onClick={() => void navigate('/chat')}
        data-testid="chat-entry"
      >
        {t('chat.entry')}
      </List.Item>
    </List>
  );
};
