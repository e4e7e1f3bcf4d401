import { MessageOutline } from 'antd-mobile-icons';
import { HomeEntry } from '../home/home-entry.tsx';
import { useI18n } from '../i18n.ts';
import { useChatInbox } from './chat-api.ts';

/** The home screen's 会员咨询: the unread messages of the conversations this staff member answers. */
export const ChatEntry = () => {
  const { t } = useI18n();
  const unread = useChatInbox().data?.unread ?? 0;
  return (
    <HomeEntry
      testIds={{ section: 'section-chat', open: 'open-chat', hint: 'chat-summary' }}
      icon={<MessageOutline />}
      title={t('chat.title')}
      hint={unread > 0 ? t('chat.entryHint', { count: unread }) : t('chat.entryEmpty')}
      to="/chat"
    />
  );
};
