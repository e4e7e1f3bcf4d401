import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { complaintRoutes as r } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const casesKey = ['complaint-cases'] as const;
export type CaseView = 'open' | 'mine' | 'closed' | 'all';

/** The case list; refreshed each minute so the countdowns stay true. */
export const useCases = (view: CaseView) =>
  useQuery({
    queryKey: [...casesKey, view],
    queryFn: async () => (await api.call(r.cases, { query: { view } })).items,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });

export const useCase = (id: string) =>
  useQuery({
    queryKey: [...casesKey, 'case', id],
    queryFn: () => api.call(r.caseGet, { params: { id } }),
    refetchInterval: 60_000,
  });

export const useOemDraft = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: [...casesKey, 'oem-draft', id],
    queryFn: () => api.call(r.oemDraft, { params: { id } }),
    enabled,
  });

/** The routes of the case actions, by the action names the server lists in `actions`. */
export const actionRoutes = {
  contact: r.contact,
  assign: r.assign,
  accept: r.accept,
  transfer: r.transfer,
  answer: r.answer,
  escalate: r.escalate,
  resolve: r.resolve,
  follow_up: r.followUp,
  evaluate: r.evaluate,
  reopen: r.reopen,
  note: r.note,
  oem_report: r.sendOemReport,
} as const;
export type CaseActionName = keyof typeof actionRoutes | 'close';

/** Runs one action; the page shows the case the server answers with. */
export const useCaseAction = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, body }: { action: CaseActionName; body: Record<string, unknown> }) => {
      if (action === 'close') {
        await api.call(r.close, { params: { id }, body: body as never });
        return api.call(r.caseGet, { params: { id } });
      }
      const route = actionRoutes[action];
      return api.call(route as typeof r.contact, { params: { id }, body });
    },
    onSuccess: (page) => client.setQueryData([...casesKey, 'case', id], page),
    onSettled: () => client.invalidateQueries({ queryKey: casesKey }),
  });
};

export const useImprovementDone = (caseId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (improvementId: string) => api.call(r.improvementDone, { params: { id: improvementId }, body: {} }),
    onSuccess: (page) => client.setQueryData([...casesKey, 'case', caseId], page),
  });
};
