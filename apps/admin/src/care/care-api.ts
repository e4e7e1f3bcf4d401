import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CareDryRun,
  CareRule,
  CareRuleInput,
  CareTemplate,
  CareTemplateInput,
  CustomerSummary,
  TouchChannel,
} from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const careKey = ['care'] as const;

export const useCareRules = () =>
  useQuery({
    queryKey: [...careKey, 'rules'],
    queryFn: async () => (await api.get<{ items: CareRule[] }>('/api/care/rules')).items,
  });

export const useSaveRule = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ key, input }: { key: string; input: CareRuleInput }) =>
      api.put<CareRule>(`/api/care/rules/${key}`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: [...careKey, 'rules'] }),
  });
};

export const useTemplates = () =>
  useQuery({
    queryKey: [...careKey, 'templates'],
    queryFn: () => api.get<{ items: CareTemplate[]; variables: string[] }>('/api/care/templates'),
  });

export const useSaveTemplate = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ key, channel, input }: { key: string; channel: TouchChannel; input: CareTemplateInput }) =>
      api.put<CareTemplate>(`/api/care/templates/${key}/${channel}`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: [...careKey, 'templates'] }),
  });
};

export const usePreview = (key: string, channel: TouchChannel, customerId: string | null, version: number) =>
  useQuery({
    queryKey: [...careKey, 'preview', key, channel, customerId, version],
    queryFn: () =>
      api.get<{ subject: string | null; body: string }>(
        `/api/care/templates/${key}/${channel}/preview?customerId=${customerId ?? ''}`,
      ),
    enabled: customerId !== null,
  });

export const useCustomerOptions = (q: string) =>
  useQuery({
    queryKey: ['customers', 'search', q.trim()],
    queryFn: async () =>
      (
        await api.get<{ items: CustomerSummary[] }>(
          `/api/customers?${new URLSearchParams({ q: q.trim(), limit: '10' }).toString()}`,
        )
      ).items,
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });

export const useDryRun = (day: string | null) =>
  useQuery({
    queryKey: [...careKey, 'dry-run', day],
    queryFn: () => api.get<CareDryRun>(`/api/care/dry-run${day ? `?day=${day}` : ''}`),
    enabled: day !== null,
  });
