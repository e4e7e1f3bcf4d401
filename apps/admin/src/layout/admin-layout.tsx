import { useState, type ReactNode } from 'react';
import { Layout, Menu, type MenuProps } from 'antd';
import {
  AuditOutlined,
  BgColorsOutlined,
  CarOutlined,
  IdcardOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Permission } from '@m4s/contracts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { HeaderBar } from './header-bar.tsx';
import styles from './admin-layout.module.css';

type NavItem = { path: string; label: MessageKey; icon: ReactNode; needs: Permission };

const nav: readonly NavItem[] = [
  { path: '/customers', label: 'nav.customers', icon: <IdcardOutlined />, needs: 'customer.read' },
  { path: '/vehicle-bindings', label: 'nav.bindings', icon: <CarOutlined />, needs: 'customer.write' },
  { path: '/stores', label: 'nav.stores', icon: <ShopOutlined />, needs: 'store.read' },
  { path: '/staff', label: 'nav.staff', icon: <TeamOutlined />, needs: 'staff.read' },
  { path: '/branding', label: 'nav.branding', icon: <BgColorsOutlined />, needs: 'tenant.brand' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, needs: 'audit.read' },
];

export const AdminLayout = () => {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const items: MenuProps['items'] = nav
    .filter((item) => can(item.needs))
    .map((item) => ({
      key: item.path,
      icon: item.icon,
      label: <span data-testid={`nav-${item.path.slice(1)}`}>{t(item.label)}</span>,
    }));
  const selected = nav.find((item) => pathname.startsWith(item.path))?.path;

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
