import { useState } from 'react';
import { App, Avatar, Dropdown, Layout, Space, Tag, Typography, type MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { roleNames } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useSignOut, useSignedInMe } from '../auth/session.ts';
import { PasswordModal } from '../auth/password-modal.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import styles from './header-bar.module.css';

export const HeaderBar = () => {
  const { t, locale } = useI18n();
  const me = useSignedInMe();
  const signOut = useSignOut();
  const { message } = App.useApp();
  const [passwordOpen, setPasswordOpen] = useState(false);

  const items: MenuProps['items'] = [
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: <span data-testid="change-password">{t('header.changePassword')}</span>,
      onClick: () => setPasswordOpen(true),
    },
    { type: 'divider' },
    {
      key: 'sign-out',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="sign-out">{t('header.signOut')}</span>,
      onClick: () => signOut.mutate(undefined, { onSuccess: () => void message.success(t('header.signedOut')) }),
    },
  ];

  return (
    <Layout.Header className={styles.header}>
      <Typography.Text strong className={styles.tenant} data-testid="tenant-name">
        {me.tenant.name}
      </Typography.Text>
      <Space size="large">
        <LanguageSwitch />
        <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
          <a className={styles.user} data-testid="user-menu" onClick={(e) => e.preventDefault()}>
            <Avatar size="small" icon={<UserOutlined />} className={styles.avatar} />
            <span data-testid="staff-name">{me.staff.name}</span>
            <Tag color="blue" className={styles.role}>
              {roleNames[locale][me.staff.role]}
            </Tag>
            {me.staff.store && <Typography.Text type="secondary">{me.staff.store.name}</Typography.Text>}
            <DownOutlined className={styles.caret} />
          </a>
        </Dropdown>
      </Space>
      <PasswordModal
        open={passwordOpen || me.staff.mustChangePassword}
        forced={me.staff.mustChangePassword}
        onClose={() => setPasswordOpen(false)}
      />
    </Layout.Header>
  );
};
