import { List } from 'antd-mobile';
import { CheckCircleOutline } from 'antd-mobile-icons';
import { LanguageSwitch, SignOutButton } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useStaffSession, useStaffSignOut } from '../session/staff-session.ts';
import { EmptySection } from './empty-section.tsx';
import { BoardEntry } from '../board/board-entry.tsx';
import { IdentityCard } from './identity-card.tsx';
import { SearchEntry } from '../customers/search-entry.tsx';
import { formatToday, greetingKey } from './today.ts';
import './home.css';

export const HomePage = () => {
  const { t, locale } = useI18n();
  const { me } = useStaffSession();
  const signOut = useStaffSignOut();
  if (!me) return null;
  return (
    <div className="home">
      <header className="home-hero">
        <div className="home-hero-top">
          <span className="home-app">{t('app.name')}</span>
          <span className="home-date" data-testid="today">
            {formatToday(locale)}
          </span>
        </div>
        <h1 className="home-greeting">{t('home.greeting', { greeting: t(greetingKey()), name: me.staff.name })}</h1>
      </header>
      <IdentityCard me={me} />
      <SearchEntry />
      <BoardEntry />
      <EmptySection
        testId="section-tasks"
        icon={<CheckCircleOutline />}
        title={t('home.myTasks')}
        emptyTitle={t('home.myTasksEmpty')}
        hint={t('home.myTasksHint')}
      />
      <List header={t('home.settings')} mode="card" className="home-settings">
        <List.Item extra={<LanguageSwitch />}>{t('home.language')}</List.Item>
      </List>
      <SignOutButton signOut={signOut}>{t('home.signOut')}</SignOutButton>
    </div>
  );
};
