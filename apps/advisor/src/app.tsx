import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { createQueryClient } from '@m4s/web-kit';
import { AdmConfig } from '@m4s/web-kit/mobile';
import { I18nProvider } from './i18n.ts';
import { createAdvisorRouter } from './routes.tsx';

export const App = () => {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createAdvisorRouter);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AdmConfig>
          <RouterProvider router={router} />
        </AdmConfig>
      </I18nProvider>
    </QueryClientProvider>
  );
};
