import { useEffect, useRef, useState } from 'react';
import { Button, DotLoading, NavBar, Toast } from 'antd-mobile';
import { Link, useParams } from 'react-router-dom';
import { chatKinds, type ChatKind, type ChatMessage } from '@m4s/contracts';
import { compressPhoto, errorText } from '@m4s/web-kit';
import { LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useBack } from '../ui/use-back.ts';
import { photoUrl, useAnswerAction, useMarkRead, useSend, useThread } from './chat-api.ts';
import './chat.css';

const Bubble = ({ m }: { m: ChatMessage }) => {
  const { t } = useI18n();
  const act = useAnswerAction();
  const mine = m.sender === 'owner';
  return (
    <li className={`chat-msg chat-${mine ? 'mine' : m.sender}`} data-testid="chat-msg" data-sender={m.sender}>
      {m.sender === 'system' && m.attachment ? <div className="chat-note">{t('chat.attachment')}</div> : null}
      {m.senderName && !mine ? <div className="chat-name">{m.senderName}</div> : null}
      {m.text ? <div className="chat-text">{m.text}</div> : null}
      {m.hasPhoto ? <img className="chat-photo" src={photoUrl(m.id)} alt={t('chat.photoAlt')} /> : null}
      {m.source?.kind === 'article' ? (
        <Link className="chat-source" to={`/knowledge/${m.source.id}`} data-testid="chat-source">
          {t('chat.sourceArticle', { title: m.source.title })}
        </Link>
      ) : m.source?.kind === 'own_data' ? (
        <div className="chat-source" data-testid="chat-source">
          {t('chat.sourceOwn')}
        </div>
      ) : null}
      {m.handoverTo ? (
        <div className="chat-handed" data-testid="chat-handed">
          {t('chat.handedOver', { role: t(`chat.kind.${m.handoverTo}`) })}
        </div>
      ) : null}
      {m.outcome === 'answered' ? (
        <div className="chat-actions">
          <Button size="mini" onClick={() => act.mutate({ id: m.id, action: 'resolve' })} data-testid="chat-resolve">
            {t('chat.resolve')}
          </Button>
          <Button size="mini" onClick={() => act.mutate({ id: m.id, action: 'handover' })} data-testid="chat-handover">
            {t('chat.handover')}
          </Button>
        </div>
      ) : m.outcome === 'resolved' ? (
        <div className="chat-handed">{t('chat.resolved')}</div>
      ) : null}
    </li>
  );
};

/** One conversation: live (the app's stream refetches it), text and photos; the assistant answers at once. */
export const ChatPage = () => {
  const { t } = useI18n();
  const back = useBack('/chat');
  const params = useParams();
  const kind: ChatKind = chatKinds.find((k) => k === params.kind) ?? 'assistant';
  const thread = useThread(kind);
  const send = useSend(kind);
  const read = useMarkRead(kind);
  const [draft, setDraft] = useState('');
  const end = useRef<HTMLDivElement>(null);
  const unread = thread.data?.entry.unread ?? 0;
  const count = thread.data?.messages.length ?? 0;
  useEffect(() => {
    if (unread > 0 && !read.isPending) read.mutate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unread, count]);
  // A block, not an arrow's value: Chromium's scrollIntoView now returns a promise, and an effect's return value
  // is its clean-up — React then calls the promise and the page fails (the chat page went blank in the browser).
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [count]);

  const submit = (body: { text: string; photo?: string }) =>
    send.mutate(body, {
      onSuccess: () => setDraft(''),
      onError: (error) => void Toast.show({ content: errorText(error, t('app.loadFailed')) }),
    });
  const onPhoto = async (file: File | undefined) => {
    if (file) submit({ text: '', photo: await compressPhoto(file) });
  };

  return (
    <div className="chat-page chat-thread-page">
      <NavBar onBack={back}>{t(`chat.kind.${kind}`)}</NavBar>
      {thread.isPending ? (
        <DotLoading color="primary" />
      ) : thread.isError ? (
        <LoadFailed onRetry={() => void thread.refetch()} />
      ) : (
        <ul className="chat-messages" data-testid="chat-messages" aria-live="polite">
          {thread.data.messages.length === 0 ? <li className="chat-empty">{t('chat.empty')}</li> : null}
          {thread.data.messages.map((m) => (
            <Bubble key={m.id} m={m} />
          ))}
        </ul>
      )}
      <div ref={end} />
      <form
        className="chat-compose"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.trim()) submit({ text: draft.trim() });
        }}
      >
        {kind !== 'assistant' ? (
          <label className="chat-photo-button">
            <span>{t('chat.photo')}</span>
            <input
              type="file"
              accept="image/*"
              aria-label={t('chat.photo')}
              onChange={(e) => void onPhoto(e.target.files?.[0])}
              data-testid="chat-photo-input"
            />
          </label>
        ) : null}
        <input
          className="chat-input"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={t(kind === 'assistant' ? 'chat.askPlaceholder' : 'chat.placeholder')}
          aria-label={t(kind === 'assistant' ? 'chat.askPlaceholder' : 'chat.placeholder')}
          data-testid="chat-input"
        />
        <Button color="primary" type="submit" loading={send.isPending} data-testid="chat-send">
          {t('chat.send')}
        </Button>
      </form>
    </div>
  );
};
