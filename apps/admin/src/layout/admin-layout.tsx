import { useState, type ReactNode } from 'react';
import { Layout, Menu, type MenuProps } from 'antd';
import {
  AlertOutlined,
  ApiOutlined,
  AuditOutlined,
  BgColorsOutlined,
  CalendarOutlined,
  CarOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  DeploymentUnitOutlined,
  ExperimentOutlined,
  FormOutlined,
  FilePdfOutlined,
  FundOutlined,
  HeartOutlined,
  IdcardOutlined,
  OrderedListOutlined,
  PieChartOutlined,
  ScheduleOutlined,
  ShopOutlined,
  TeamOutlined,
  ToolOutlined,
  WifiOutlined,
  GiftOutlined,
  DashboardOutlined,
  ReadOutlined,
  NotificationOutlined,
  AppstoreOutlined,
  HomeOutlined,
  CommentOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Permission } from '@m4s/contracts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { HeaderBar } from './header-bar.tsx';
import styles from './admin-layout.module.css';

type NavItem = { path: string; label: MessageKey; icon: ReactNode; needs: Permission };

const nav: readonly NavItem[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined />, needs: 'visit.read' },
  { path: '/scorecards', label: 'nav.scorecards', icon: <TrophyOutlined />, needs: 'calls.supervise' },
  { path: '/customers', label: 'nav.customers', icon: <IdcardOutlined />, needs: 'customer.read' },
  { path: '/segments', label: 'nav.segments', icon: <PieChartOutlined />, needs: 'segment.read' },
  { path: '/care-rules', label: 'nav.careRules', icon: <HeartOutlined />, needs: 'care.manage' },
  { path: '/care-dry-run', label: 'nav.careDryRun', icon: <ExperimentOutlined />, needs: 'care.manage' },
  { path: '/loyalty', label: 'nav.loyalty', icon: <GiftOutlined />, needs: 'loyalty.read' },
  { path: '/complaints', label: 'nav.complaints', icon: <AlertOutlined />, needs: 'customer.read' },
  { path: '/campaigns', label: 'nav.campaigns', icon: <NotificationOutlined />, needs: 'campaign.manage' },
  { path: '/surveys', label: 'nav.surveys', icon: <FormOutlined />, needs: 'care.tasks' },
  { path: '/indices', label: 'nav.indices', icon: <DashboardOutlined />, needs: 'calls.supervise' },
  { path: '/kpis', label: 'nav.kpis', icon: <FundOutlined />, needs: 'kpi.read' },
  { path: '/reports', label: 'nav.reports', icon: <FilePdfOutlined />, needs: 'kpi.read' },
  { path: '/content', label: 'nav.content', icon: <ReadOutlined />, needs: 'content.manage' },
  { path: '/services', label: 'nav.services', icon: <AppstoreOutlined />, needs: 'services.manage' },
  { path: '/chat-stats', label: 'nav.chatStats', icon: <CommentOutlined />, needs: 'chat.supervise' },
  { path: '/vehicle-bindings', label: 'nav.bindings', icon: <CarOutlined />, needs: 'customer.write' },
  { path: '/imports', label: 'nav.imports', icon: <CloudUploadOutlined />, needs: 'customer.import' },
  { path: '/stores', label: 'nav.stores', icon: <ShopOutlined />, needs: 'store.read' },
  { path: '/staff', label: 'nav.staff', icon: <TeamOutlined />, needs: 'staff.read' },
  { path: '/branding', label: 'nav.branding', icon: <BgColorsOutlined />, needs: 'tenant.brand' },
  { path: '/work-calendar', label: 'nav.calendar', icon: <CarryOutOutlined />, needs: 'tenant.settings' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, needs: 'audit.read' },
];

// 售后服务: booking and the workshop, one folded group in the menu (placed before the settings entries).
const serviceNav: readonly NavItem[] = [
  { path: '/booking-setup', label: 'nav.bookingSetup', icon: <ScheduleOutlined />, needs: 'service.setup' },
  { path: '/service-types', label: 'nav.serviceTypes', icon: <OrderedListOutlined />, needs: 'service.setup' },
  { path: '/service-intervals', label: 'nav.intervals', icon: <ToolOutlined />, needs: 'service.setup' },
  { path: '/booking-calendar', label: 'nav.bookingCalendar', icon: <CalendarOutlined />, needs: 'visit.read' },
  { path: '/service-stats', label: 'nav.serviceStats', icon: <FundOutlined />, needs: 'visit.read' },
];

// 集成: connections to the dealer group's other systems (webhooks, connected cars), folded after the settings.
const integrationNav: readonly NavItem[] = [
  { path: '/webhooks', label: 'nav.webhooks', icon: <ApiOutlined />, needs: 'webhook.manage' },
  { path: '/telematics', label: 'nav.telematics', icon: <WifiOutlined />, needs: 'telematics.manage' },
];

export const AdminLayout = () => {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const entry = (item: NavItem) => ({
    key: item.path,
    icon: item.icon,
    label: <span data-testid={`nav-${item.path.slice(1) || 'home'}`}>{t(item.label)}</span>,
  });
  const items: NonNullable<MenuProps['items']> = nav.filter((item) => can(item.needs)).map(entry);
  const serviceItems = serviceNav.filter((item) => can(item.needs)).map(entry);
  if (serviceItems.length) {
    const at = items.findIndex((item) => item?.key === '/stores');
    items.splice(at < 0 ? items.length : at, 0, {
      key: 'service',
      icon: <ToolOutlined />,
      label: <span data-testid="nav-service">{t('nav.service')}</span>,
      children: serviceItems,
    });
  }
  const integrationItems = integrationNav.filter((item) => can(item.needs)).map(entry);
  if (integrationItems.length)
    items.push({
      key: 'integrations',
      icon: <DeploymentUnitOutlined />,
      label: <span data-testid="nav-integrations">{t('nav.integrations')}</span>,
      children: integrationItems,
    });
  const selected = [...nav, ...serviceNav, ...integrationNav].find((item) =>
    item.path === '/' ? pathname === '/' : pathname.startsWith(item.path),
  )?.path;
  // Opened at first when the page is one of its entries; then the person folds it as they like.
  const [openAtStart] = useState(() => [
    ...(serviceNav.some((item) => pathname.startsWith(item.path)) ? ['service'] : []),
    ...(integrationNav.some((item) => pathname.startsWith(item.path)) ? ['integrations'] : []),
  ]);

  return (
    <Layout className={styles.root}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208}>
        <div className={styles.brand}>
          <span className={styles.mark}>M4S</span>
          {!collapsed && <span className={styles.brandText}>{t('app.short')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={selected ? [selected] : []}
          defaultOpenKeys={openAtStart}
          onClick={({ key }) => void navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <HeaderBar />
        <Layout.Content className={styles.content}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
};
