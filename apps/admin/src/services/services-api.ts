import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { serviceRoutes as r, type Localized, type StoreServiceInput } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const useCatalogue = () =>
  useQuery({ queryKey: ['service-catalogue'], queryFn: async () => (await api.call(r.catalogue)).items });

const storeKey = (id: string) => ['store-services', id] as const;

export const useStoreServices = (storeId: string | undefined) =>
  useQuery({
    queryKey: storeKey(storeId ?? ''),
    queryFn: () => api.call(r.storeServices, { params: { id: storeId ?? '' } }),
    enabled: Boolean(storeId),
  });

export const useSetStoreService = (storeId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StoreServiceInput) => api.call(r.setStoreService, { params: { id: storeId }, body }),
    onSuccess: (data) => client.setQueryData(storeKey(storeId), data),
  });
};

export const useAllRequests = (status: 'open' | 'all') =>
  useQuery({
    queryKey: ['service-requests', status],
    queryFn: async () => (await api.call(r.requests, { query: { scope: 'store', status } })).items,
    refetchInterval: 30_000,
  });

export const pick = (text: Localized, locale: string) => (locale === 'en' ? text.en : text['zh-CN']);
