import { useEffect, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { QuestionCircleOutline } from 'antd-mobile-icons';
import { tenantRoutes } from '@m4s/contracts';
import { api, ApiError } from '@m4s/web-kit';
import { EmptyState, LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { applyBranding } from './apply-branding.ts';
import { TenantProvider } from './tenant-context.tsx';

type Props = { slug: string; children: ReactNode };

/** Loads the dealer group named in the URL and brands the app before anything else renders. */
export const TenantGate = ({ slug, children }: Props) => {
  const { t } = useI18n();
  const query = useQuery({
    queryKey: ['public-tenant', slug],
    queryFn: () => api.call(tenantRoutes.publicTenant, { params: { slug } }),
    enabled: slug !== '',
    staleTime: 5 * 60_000,
  });
  const tenant = query.data;
  useEffect(() => {
    if (tenant) applyBranding(tenant);
  }, [tenant]);

  const missing = slug === '' || (query.error instanceof ApiError && query.error.status === 404);
  if (missing) {
    return (
      <div className="page-center">
        <EmptyState
          variant="page"
          testId="tenant-missing"
          icon={<QuestionCircleOutline />}
          title={t('tenant.missingTitle')}
          description={t('tenant.missingHint')}
        />
      </div>
    );
  }
  if (query.isError) return <LoadFailed onRetry={() => void query.refetch()} />;
  if (!tenant) return <PageLoading />;
  return <TenantProvider value={tenant}>{children}</TenantProvider>;
};
