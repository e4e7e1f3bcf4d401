import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { createQueryClient } from '@m4s/web-kit';
import { AdmConfig } from '@m4s/web-kit/mobile';
import { I18nProvider } from './i18n.ts';
import { createOwnerRouter } from './routes.tsx';
import { TenantGate } from './tenant/tenant-gate.tsx';
import { readTenantSlug } from './tenant/tenant-slug.ts';

export const App = () => {
  const [slug] = useState(() => readTenantSlug());
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createOwnerRouter(slug));
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AdmConfig>
          <TenantGate slug={slug}>
            <RouterProvider router={router} />
          </TenantGate>
        </AdmConfig>
      </I18nProvider>
    </QueryClientProvider>
  );
};
