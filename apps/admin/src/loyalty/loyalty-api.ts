import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { loyaltyRoutes as r, type CouponTemplateInput, type LoyaltySettings } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

/** 会员管理 (docs/loyalty.md): the programme, templates, members, settlement. */
const key = ['loyalty'] as const;

const useInvalidating = <I, O>(fn: (input: I) => Promise<O>) => {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: key }) });
};

export const useSettings = () => useQuery({ queryKey: [...key, 'settings'], queryFn: () => api.call(r.settings) });
export const useSaveSettings = () => useInvalidating((body: LoyaltySettings) => api.call(r.putSettings, { body }));

export const useTemplates = () =>
  useQuery({ queryKey: [...key, 'templates'], queryFn: async () => (await api.call(r.templates)).items });
export const useSaveTemplate = () =>
  useInvalidating(({ id, body }: { id: string | null; body: CouponTemplateInput }) =>
    id ? api.call(r.updateTemplate, { params: { id }, body }) : api.call(r.createTemplate, { body }),
  );
export const useIssue = () =>
  useInvalidating((body: { templateId: string; customerIds: string[] }) => api.call(r.issueCoupons, { body }));

export type MemberFilter = { tier?: string; minPoints?: number; expiringDays?: number; page: number };
export const useMembers = (query: MemberFilter) =>
  useQuery({
    queryKey: [...key, 'members', query],
    queryFn: () => api.call(r.members, { query }),
    placeholderData: keepPreviousData,
  });
export const useMember = (customerId: string | null) =>
  useQuery({
    queryKey: [...key, 'member', customerId],
    queryFn: () => api.call(r.member, { params: { customerId: customerId ?? '' } }),
    enabled: customerId !== null,
  });
export const useAdjust = () =>
  useInvalidating(({ customerId, points, reason }: { customerId: string; points: number; reason: string }) =>
    api.call(r.adjust, { params: { customerId }, body: { points, reason } }),
  );

export const useSettlement = (month: string) =>
  useQuery({ queryKey: [...key, 'settlement', month], queryFn: () => api.call(r.settlement, { query: { month } }) });
