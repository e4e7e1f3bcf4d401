import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { serviceRoutes as r, type Localized, type ServiceRequestInput } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const servicesKey = ['owner-services'] as const;
export const requestsKey = ['owner-service-requests'] as const;
export const requestKey = (id: string) => ['owner-service-requests', id] as const;

/** 车业务: what the owner's dealer offers, per store. */
export const useOwnerServices = () => useQuery({ queryKey: servicesKey, queryFn: () => api.call(r.ownerServices) });

export const useMyRequests = () =>
  useQuery({ queryKey: requestsKey, queryFn: async () => (await api.call(r.ownerRequests)).items });

export const useRequest = (id: string) =>
  useQuery({ queryKey: requestKey(id), queryFn: () => api.call(r.ownerRequest, { params: { id } }) });

export const useCreateRequest = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ServiceRequestInput) => api.call(r.ownerCreate, { body }),
    onSuccess: (data) => {
      client.setQueryData(requestKey(data.id), data);
      void client.invalidateQueries({ queryKey: requestsKey, exact: true });
    },
  });
};

export const useCancelRequest = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.call(r.ownerCancel, { params: { id } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: requestsKey }),
  });
};

/** The server's text in the app's language. */
export const pick = (text: Localized, locale: string) => (locale === 'en' ? text.en : text['zh-CN']);
