import { List } from 'antd-mobile';
import { LanguageSwitch, SignOutButton } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useStaffSession, useStaffSignOut } from '../session/staff-session.ts';
import { TasksEntry } from '../tasks/tasks-entry.tsx';
import { CasesEntry } from '../cases/cases-entry.tsx';
import { CallsEntry } from '../calls/calls-entry.tsx';
import { BoardEntry } from '../board/board-entry.tsx';
import { CheckInEntry } from '../events/check-in-entry.tsx';
import { ChatEntry } from '../chat/chat-entry.tsx';
import { ServiceRequestsEntry } from '../service-requests/entry.tsx';
import { IdentityCard } from './identity-card.tsx';
import { ScorecardEntry } from '../scorecard/scorecard-entry.tsx';
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
      <ChatEntry />
      <BoardEntry />
      <CallsEntry />
      <TasksEntry />
      <CasesEntry />
      <ServiceRequestsEntry />
      <CheckInEntry />
      <ScorecardEntry />
      <List header={t('home.settings')} mode="card" className="home-settings">
        <List.Item extra={<LanguageSwitch />}>{t('home.language')}</List.Item>
      </List>
      <SignOutButton signOut={signOut}>{t('home.signOut')}</SignOutButton>
    </div>
  );
};
