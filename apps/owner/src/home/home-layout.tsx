import { Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router-dom';
import { SafeArea } from 'antd-mobile';
import { AppstoreOutline, CompassOutline, FileOutline, PhoneFill, UserOutline } from 'antd-mobile-icons';
import { useI18n, type OwnerMessageKey } from '../i18n.ts';
import { useInbox } from '../inbox/inbox-api.ts';
import { useLiveEvents } from '../visits/live-events.ts';
import { BrandMark } from '../tenant/brand-mark.tsx';
import { useTenant } from '../tenant/tenant-context.tsx';
import './shell.css';
import './tabs.css';

const tabs: { key: string; title: OwnerMessageKey; icon: typeof CompassOutline }[] = [
  { key: 'life', title: 'tab.life', icon: CompassOutline },
  { key: 'services', title: 'tab.services', icon: AppstoreOutline },
  { key: 'records', title: 'tab.records', icon: FileOutline },
  { key: 'me', title: 'tab.me', icon: UserOutline },
];

// Pages outside a tab's own path, and the tab they belong to.
const sections: Record<string, string> = {
  book: 'services',
  bookings: 'services',
  visits: 'services',
  messages: 'me',
  knowledge: 'life',
  // 咨询 is one of 车业务's entries (also reached from 我的); 反馈投诉 lives under 我的.
  chat: 'services',
  feedback: 'me',
};

/**
 * The signed-in shell: the dealer's header, the current tab, and the four tabs of the seed's app. It holds
 * the live event stream for every page, and the unread count on 我的.
 */
export const HomeLayout = () => {
  const tenant = useTenant();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  useLiveEvents();
  const unread = useInbox().data?.unread ?? 0;
  const first = pathname.split('/')[1] ?? '';
  const active = tabs.find((tab) => tab.key === first)?.key ?? sections[first] ?? 'life';
  return (
    <div className="shell">
      <header className="app-header">
        <SafeArea position="top" />
        <div className="app-header-bar">
          <BrandMark tenant={tenant} size={32} />
          <div className="app-header-text">
            <div className="app-header-title">{tenant.shortName}</div>
            <div className="app-header-sub">{tenant.name}</div>
          </div>
          {tenant.dealerHotline ? (
            <a className="app-header-call" href={`tel:${tenant.dealerHotline}`} aria-label={t('hotline.dealer')}>
              <PhoneFill />
            </a>
          ) : null}
        </div>
      </header>
      <main className="shell-main">
        <Outlet />
      </main>
      {/* A new page opens at its top (a long booking form would otherwise hand its scroll to the next page). */}
      <ScrollRestoration />
      {/* The tab bar: real buttons (a name each, the current one marked) instead of antd-mobile's clickable divs. */}
      <nav className="shell-tabs" aria-label={t('tab.nav')}>
        <ul className="tab-bar">
          {tabs.map((tab) => {
            const badge = tab.key === 'me' && unread > 0 ? (unread > 99 ? '99+' : String(unread)) : null;
            return (
              <li key={tab.key}>
                <button
                  type="button"
                  className={`tab-bar-item${tab.key === active ? ' tab-bar-item-active' : ''}`}
                  aria-current={tab.key === active ? 'page' : undefined}
                  onClick={() => void navigate(`/${tab.key}`)}
                  data-testid={`tab-${tab.key}`}
                >
                  <span className="tab-bar-icon" aria-hidden>
                    <tab.icon />
                    {badge ? <span className="tab-bar-badge">{badge}</span> : null}
                  </span>
                  <span className="tab-bar-title">{t(tab.title)}</span>
                  {badge ? <span className="sr-only">{t('tab.unread', { count: badge })}</span> : null}
                </button>
              </li>
            );
          })}
        </ul>
        <SafeArea position="bottom" />
      </nav>
    </div>
  );
};
