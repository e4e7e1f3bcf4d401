import { List } from 'antd-mobile';
import { MessageOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import { stamp } from '@m4s/web-kit';
import { EmptyState } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useInbox } from '../inbox/inbox-api.ts';
import { useOwnerSession } from '../session/owner-session.ts';
import { useTenant } from '../tenant/tenant-context.tsx';

/**
 * 轮生活: the greeting and the newest news from the dealer to this owner (the message centre's latest).
 * The dealer's feed and knowledge base join here when they are built (issue 17); nothing unbuilt is shown.
 */
export const LifeTab = () => {
  const tenant = useTenant();
  const { me } = useOwnerSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const inbox = useInbox();
  const latest = (inbox.data?.items ?? []).slice(0, 3);
  return (
    <div className="tab-page" data-testid="page-life">
      <section className="hero-card">
        <div className="hero-card-title">
          {me?.owner.name ? t('life.greeting', { name: me.owner.name }) : t('life.greetingDefault')}
        </div>
        <div className="hero-card-sub">{t('life.serving', { name: tenant.name })}</div>
      </section>
      <List mode="card">
        <List.Item onClick={() => void navigate('/feedback')} arrowIcon data-testid="life-feedback">
          {t('feedback.entry')}
        </List.Item>
      </List>
      {inbox.isSuccess && latest.length === 0 ? (
        <EmptyState
          testId="life-no-news"
          icon={<MessageOutline />}
          title={t('life.noNewsTitle')}
          description={t('life.noNewsHint', { name: tenant.shortName })}
        />
      ) : (
        <List header={t('life.latestTitle')} mode="card">
          {latest.map((m) => (
            <List.Item
              key={m.id}
              description={m.body}
              extra={<time>{stamp(m.createdAt)}</time>}
              onClick={() => void navigate('/inbox')}
            >
              {m.title}
            </List.Item>
          ))}
          {latest.length > 0 && (
            <List.Item onClick={() => void navigate('/inbox')} arrowIcon>
              {t('life.allMessages')}
            </List.Item>
          )}
        </List>
      )}
    </div>
  );
};
