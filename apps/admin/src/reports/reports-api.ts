import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { reportRoutes, type ReportGenerateBody, type ReportSubscriptionBody } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const key = ['reports'] as const;

export const useReports = () =>
  useQuery({
    queryKey: [...key, 'list'],
    queryFn: async () => (await api.call(reportRoutes.list, { query: {} })).items,
  });

export const reportFileHref = (id: string, which: 'xlsx' | 'pdf') => api.href(reportRoutes[which], { params: { id } });

export const useGenerate = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportGenerateBody) => api.call(reportRoutes.generate, { body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
};

export const useSubscriptions = () =>
  useQuery({ queryKey: [...key, 'subs'], queryFn: async () => (await api.call(reportRoutes.subscriptions)).items });

export const useSubscribe = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportSubscriptionBody) => api.call(reportRoutes.subscribe, { body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: [...key, 'subs'] }),
  });
};

export const useUnsubscribe = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call(reportRoutes.unsubscribe, { params: { id } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: [...key, 'subs'] }),
  });
};
