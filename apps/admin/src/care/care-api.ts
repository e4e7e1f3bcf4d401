import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  callRoutes,
  careRoutes,
  customerRoutes,
  type CallPolicy,
  type CareRuleInput,
  type CareTemplateInput,
  type TouchChannel,
} from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const careKey = ['care'] as const;

export const useCareRules = () =>
  useQuery({
    queryKey: [...careKey, 'rules'],
    queryFn: async () => (await api.call(careRoutes.rules)).items,
  });

export const useSaveRule = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ key, input }: { key: string; input: CareRuleInput }) =>
      api.call(careRoutes.saveRule, { params: { key }, body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...careKey, 'rules'] }),
  });
};

export const useTemplates = () =>
  useQuery({
    queryKey: [...careKey, 'templates'],
    queryFn: () => api.call(careRoutes.templates),
  });

export const useSaveTemplate = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ key, channel, input }: { key: string; channel: TouchChannel; input: CareTemplateInput }) =>
      api.call(careRoutes.saveTemplate, { params: { key, channel }, body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...careKey, 'templates'] }),
  });
};

export const usePreview = (key: string, channel: TouchChannel, customerId: string | null, version: number) =>
  useQuery({
    queryKey: [...careKey, 'preview', key, channel, customerId, version],
    queryFn: () =>
      api.call(careRoutes.previewTemplate, {
        params: { key, channel },
        query: { customerId: customerId ?? undefined },
      }),
    enabled: customerId !== null,
  });

export const useCustomerOptions = (q: string) =>
  useQuery({
    queryKey: ['customers', 'search', q.trim()],
    queryFn: async () => (await api.call(customerRoutes.search, { query: { q: q.trim(), limit: 10 } })).items,
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });

export const useDryRun = (day: string | null) =>
  useQuery({
    queryKey: [...careKey, 'dry-run', day],
    queryFn: () => api.call(careRoutes.dryRun, { query: { day: day || undefined } }),
    enabled: day !== null,
  });

/** The call centre's tunings (docs/calls.md): queue window, no-answer attempts, daily target. */
export const useCallPolicy = () =>
  useQuery({ queryKey: [...careKey, 'call-policy'], queryFn: () => api.call(callRoutes.policy) });

export const useSaveCallPolicy = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CallPolicy) => api.call(callRoutes.savePolicy, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...careKey, 'call-policy'] }),
  });
};
