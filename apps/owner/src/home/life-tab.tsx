import { List } from 'antd-mobile';
import { CompassOutline, ContentOutline, FlagOutline, SoundOutline } from 'antd-mobile-icons';
import { EmptyState } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useOwnerSession } from '../session/owner-session.ts';
import { useTenant } from '../tenant/tenant-context.tsx';

/** 轮生活: the dealer's feed and car-care knowledge (capability 8); empty until content exists. */
export const LifeTab = () => {
  const tenant = useTenant();
  const { me } = useOwnerSession();
  const { t } = useI18n();
  const upcoming = [
    { key: 'news', icon: <SoundOutline />, title: t('life.newsTitle'), hint: t('life.newsHint') },
    { key: 'knowledge', icon: <ContentOutline />, title: t('life.knowledgeTitle'), hint: t('life.knowledgeHint') },
    { key: 'events', icon: <FlagOutline />, title: t('life.eventsTitle'), hint: t('life.eventsHint') },
  ];
  return (
    <div className="tab-page" data-testid="page-life">
      <section className="hero-card">
        <div className="hero-card-title">
          {me?.owner.name ? t('life.greeting', { name: me.owner.name }) : t('life.greetingDefault')}
        </div>
        <div className="hero-card-sub">{t('life.serving', { name: tenant.name })}</div>
      </section>
      <EmptyState
        testId="life-empty"
        icon={<CompassOutline />}
        title={t('life.emptyTitle')}
        description={t('life.emptyHint', { name: tenant.shortName })}
      />
      <List header={t('life.soonTitle')} mode="card">
        {upcoming.map((item) => (
          <List.Item key={item.key} prefix={<span className="list-icon">{item.icon}</span>} description={item.hint}>
            {item.title}
          </List.Item>
        ))}
      </List>
    </div>
  );
};
