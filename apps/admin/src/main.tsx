import { BrowserRouter } from 'react-router-dom';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient, renderApp } from '@m4s/web-kit';
import { I18nProvider } from './i18n.ts';
import { AntdProvider } from './antd-provider.tsx';
import { App } from './app.tsx';
import { watchForExpiredSession } from './auth/session.ts';
import './global.css';

const queryClient = createQueryClient();
watchForExpiredSession(queryClient);

renderApp(
  <QueryClientProvider client={queryClient}>
    <I18nProvider>
      <AntdProvider>
        <BrowserRouter basename="/admin">
          <App />
        </BrowserRouter>
      </AntdProvider>
    </I18nProvider>
  </QueryClientProvider>,
);
