import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { campaignRoutes as r, type CampaignInput, type CampaignStrategy } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

/** 营销活动 (docs/campaigns.md): list, ready campaigns, the builder's preview, send, results. */
const key = ['campaigns'] as const;

const useInvalidating = <I, O>(fn: (input: I) => Promise<O>) => {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: key }) });
};

export const useCampaigns = () =>
  useQuery({ queryKey: [...key, 'list'], queryFn: async () => (await api.call(r.list)).items });
export const useCampaignTemplates = () =>
  useQuery({ queryKey: [...key, 'templates'], queryFn: async () => (await api.call(r.templates)).items });
export const useCampaign = (id: string | null) =>
  useQuery({
    queryKey: [...key, 'one', id],
    queryFn: () => api.call(r.get, { params: { id: id ?? '' } }),
    enabled: id !== null,
  });
export const useResults = (id: string, enabled: boolean) =>
  useQuery({ queryKey: [...key, 'results', id], queryFn: () => api.call(r.results, { params: { id } }), enabled });

export const useSaveCampaign = () =>
  useInvalidating(({ id, body }: { id: string | null; body: CampaignInput }) =>
    id ? api.call(r.update, { params: { id }, body }) : api.call(r.create, { body }),
  );
export const useFromTemplate = () =>
  useInvalidating((strategy: CampaignStrategy) => api.call(r.fromTemplate, { body: { strategy, templateId: null } }));
export const useSend = () => useInvalidating((id: string) => api.call(r.send, { params: { id } }));
export const useCancel = () => useInvalidating((id: string) => api.call(r.cancel, { params: { id } }));

export const previewCampaign = (campaign: CampaignInput, campaignId: string | null) =>
  api.call(r.preview, { body: { campaign, campaignId } });
