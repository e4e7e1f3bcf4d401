import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { SafeArea, TabBar } from 'antd-mobile';
import { AppstoreOutline, CompassOutline, FileOutline, PhoneFill, UserOutline } from 'antd-mobile-icons';
import { useI18n, type OwnerMessageKey } from '../i18n.ts';
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

/** The signed-in shell: the dealer's header, the current tab, and the four tabs of the seed's app. */
export const HomeLayout = () => {
  const tenant = useTenant();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const active = tabs.find((tab) => pathname === `/${tab.key}` || pathname.startsWith(`/${tab.key}/`))?.key ?? 'life';
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
      <nav className="shell-tabs">
        <TabBar activeKey={active} onChange={(key) => void navigate(`/${key}`)} safeArea>
          {tabs.map((tab) => (
            <TabBar.Item key={tab.key} data-testid={`tab-${tab.key}`} icon={<tab.icon />} title={t(tab.title)} />
          ))}
        </TabBar>
      </nav>
    </div>
  );
};
