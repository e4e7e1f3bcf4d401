import type { ReactNode } from 'react';
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useI18n } from './i18n.ts';

const theme = {
  token: { colorPrimary: '#1d4f9a', borderRadius: 6 },
  components: { Layout: { headerBg: '#ffffff', siderBg: '#0b2a5b' }, Menu: { darkItemBg: '#0b2a5b' } },
};

/** antd's own texts (pagination, pickers, empty states) follow the console's language. */
export const AntdProvider = ({ children }: { children: ReactNode }) => {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
};
