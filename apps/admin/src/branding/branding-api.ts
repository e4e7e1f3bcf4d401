import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { tenantRoutes, type Branding } from '@m4s/contracts';
import { api } from '@m4s/web-kit';
import { meKey } from '../auth/session.ts';

const brandingKey = ['tenant', 'branding'] as const;
const installKey = ['tenant', 'owner-app-install'] as const;

/** The owner app's install link and QR code (its address follows the group's slug, the icons its branding). */
export const useOwnerAppInstall = () =>
  useQuery({ queryKey: installKey, queryFn: () => api.call(tenantRoutes.ownerAppInstall) });

export const useBranding = () => useQuery({ queryKey: brandingKey, queryFn: () => api.call(tenantRoutes.branding) });

export const useSaveBranding = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Branding) => api.call(tenantRoutes.updateBranding, { body }),
    onSuccess: async (saved) => {
      client.setQueryData(brandingKey, saved);
      // The header shows the group's name from the session; refresh it after a rename.
      await client.invalidateQueries({ queryKey: meKey });
      await client.invalidateQueries({ queryKey: installKey });
    },
  });
};
