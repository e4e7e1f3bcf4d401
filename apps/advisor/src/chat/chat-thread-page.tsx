import { useEffect, useState } from 'react';
import { Button, Toast } from 'antd-mobile';
import { useParams } from 'react-router-dom';
import type { ChatMessage } from '@m4s/contracts';
import { compressPhoto, errorText } from '@m4s/web-kit';
import { LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { PageBar } from '../customers/page-bar.tsx';
import { useI18n } from '../i18n.ts';
import { photoUrl, useChatLive, useChatThread, useMarkRead, useReply } from './chat-api.ts';
import './chat.css';

const Bubble = ({ m }: { m: ChatMessage }) => {
  const { t } = useI18n();
  return (
    <li className={`chat-msg chat-from-${m.sender}`} data-testid="chat-msg" data-sender={m.sender}>
      <div className="chat-name">{m.senderName ?? t(`chat.from.${m.sender}`)}</div>
      {m.attachment ? <div className="chat-note">{t('chat.attachment')}</div> : null}
      {m.text ? <div className="chat-text">{m.text}</div> : null}
      {m.attachment ? (
        <ul className="chat-attachment" data-testid="chat-attachment">
          {m.attachment.map((a, i) => (
            <li key={i}>
              {t(`chat.from.${a.sender}`)}：{a.text}
            </li>
          ))}
        </ul>
      ) : null}
      {m.hasPhoto ? <img className="chat-photo" src={photoUrl(m.id)} alt={t('chat.photoAlt')} /> : null}
    </li>
  );
};

/** One owner's conversation: the history (whoever answered before), live, reply with text or a photo. */
export const ChatThreadPage = () => {
  const { t } = useI18n();
  const id = useParams().id ?? '';
  const thread = useChatThread(id);
  const reply = useReply(id);
  const read = useMarkRead(id);
  const [draft, setDraft] = useState('');
  useChatLive();
  const unread = thread.data?.conversation.unread ?? 0;
  useEffect(() => {
    if (unread > 0 && !read.isPending) read.mutate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unread]);
  const submit = (body: { text: string; photo?: string }) =>
    reply.mutate(body, {
      onSuccess: () => setDraft(''),
      onError: (error) => void Toast.show({ content: errorText(error, t('chat.sendFailed')) }),
    });
  if (thread.isLoading) return <PageLoading />;
  if (thread.isError || !thread.data) return <LoadFailed onRetry={() => void thread.refetch()} />;
  const c = thread.data.conversation;
  return (
    <div className="chat-staff-page">
      <PageBar title={`${c.customerName} · ${t(`chat.kind.${c.kind}`)}`} />
      <ul className="chat-messages" data-testid="chat-messages" aria-live="polite">
        {thread.data.messages.map((m) => (
          <Bubble key={m.id} m={m} />
        ))}
      </ul>
      <form
        className="chat-compose"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.trim()) submit({ text: draft.trim() });
        }}
      >
        <label className="chat-photo-button">
          <span>{t('chat.photo')}</span>
          <input
            type="file"
            accept="image/*"
            aria-label={t('chat.photo')}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void compressPhoto(file).then((photo) => submit({ text: '', photo }));
            }}
          />
        </label>
        <input
          className="chat-input"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={t('chat.placeholder')}
          aria-label={t('chat.placeholder')}
          data-testid="chat-reply-input"
        />
        <Button color="primary" type="submit" loading={reply.isPending} data-testid="chat-reply-send">
          {t('chat.send')}
        </Button>
      </form>
    </div>
  );
};
