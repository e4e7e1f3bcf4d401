import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { serviceRoutes as r, type Localized } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const key = ['advisor-service-requests'] as const;

/** 服务请求: my role's queue in my store, refreshed every 15 s (a rescue waits for no one). */
export const useServiceQueue = () =>
  useQuery({
    queryKey: key,
    queryFn: async () => (await api.call(r.requests, { query: { scope: 'mine', status: 'open' } })).items,
    refetchInterval: 15_000,
  });

export const useServiceRequest = (id: string) =>
  useQuery({ queryKey: [...key, id], queryFn: () => api.call(r.request, { params: { id } }), refetchInterval: 30_000 });

export const photoHref = (id: string) => api.href(r.photo, { params: { id } });

export const useAdvance = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { to: string; details: Record<string, string | number | null> }) =>
      api.call(r.advance, { params: { id }, body }),
    onSuccess: (data) => {
      client.setQueryData([...key, id], data);
      void client.invalidateQueries({ queryKey: key, exact: true });
    },
  });
};

export const useCancel = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.call(r.cancel, { params: { id }, body: { reason } }),
    onSuccess: (data) => {
      client.setQueryData([...key, id], data);
      void client.invalidateQueries({ queryKey: key, exact: true });
    },
  });
};

export const pick = (text: Localized, locale: string) => (locale === 'en' ? text.en : text['zh-CN']);

/** Time to the deadline (negative: overdue). */
export const leftMs = (dueAt: string, now = Date.now()) => Date.parse(dueAt) - now;
