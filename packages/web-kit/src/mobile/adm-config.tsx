import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import { LeftOutline } from 'antd-mobile-icons';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import enUS from 'antd-mobile/es/locales/en-US';
import { useSharedI18n } from '../i18n.ts';

type Container = (Element | DocumentFragment) & { admRoot?: Root };

// antd-mobile 5 mounts Toast/Dialog with the pre-React-19 render API unless given a createRoot-based one.
unstableSetRender((node, container: Container) => {
  container.admRoot ??= createRoot(container);
  const root = container.admRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
  };
});

/**
 * antd-mobile's own texts (pickers, empty states, dialogs) follow the app's language, and every NavBar's back
 * arrow (a role=button with only an icon) is named 返回 / Back for screen readers.
 */
export const AdmConfig = ({ children }: { children: ReactNode }) => {
  const { locale } = useSharedI18n();
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      navBar={{ backIcon: <LeftOutline role="img" aria-label={locale === 'en' ? 'Back' : '返回'} /> }}
    >
      {children}
    </ConfigProvider>
  );
};
