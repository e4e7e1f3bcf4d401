import { List } from 'antd-mobile';
import { BellOutline, QuestionCircleOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import { FeedList } from '../content/feed-list.tsx';
import { useI18n } from '../i18n.ts';
import { useInbox } from '../inbox/inbox-api.ts';
import { useOwnerSession } from '../session/owner-session.ts';
import { useTenant } from '../tenant/tenant-context.tsx';

/**
 * 轮生活: the greeting, the way into 用车知识 and the message centre, then the dealer's feed — the posts the
 * group and the owner's store target at them (docs/feed.md).
 */
export const LifeTab = () => {
  const tenant = useTenant();
  const { me } = useOwnerSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const unread = useInbox().data?.unread ?? 0;
  return (
    <div className="tab-page" data-testid="page-life">
      <section className="hero-card">
        <h1 className="hero-card-title">
          {me?.owner.name ? t('life.greeting', { name: me.owner.name }) : t('life.greetingDefault')}
        </h1>
        <p className="hero-card-sub">{t('life.serving', { name: tenant.name })}</p>
      </section>
      <List mode="card">
        <List.Item
          prefix={<QuestionCircleOutline className="hotline-icon" aria-hidden />}
          description={t('kb.entryHint')}
          onClick={() => void navigate('/knowledge')}
          data-testid="life-knowledge"
        >
          {t('kb.entry')}
        </List.Item>
        <List.Item
          prefix={<BellOutline className="hotline-icon" aria-hidden />}
          extra={unread > 0 ? t('life.unread', { count: unread }) : null}
          onClick={() => void navigate('/messages')}
          data-testid="life-messages"
        >
          {t('life.allMessages')}
        </List.Item>
        <List.Item onClick={() => void navigate('/feedback')} arrowIcon data-testid="life-feedback">
          {t('feedback.entry')}
        </List.Item>
      </List>
      <FeedList />
    </div>
  );
};
