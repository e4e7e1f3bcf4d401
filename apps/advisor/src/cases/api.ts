import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { complaintReportRoutes as n, complaintRoutes as r, roleGrants, staffRoutes } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const key = ['advisor-cases'] as const;

/** The advisor's own cases (handler, first receiver or escalated to them), refreshed each minute. */
export const useMyCases = () =>
  useQuery({
    queryKey: key,
    queryFn: async () => (await api.call(r.cases, { query: { view: 'mine' } })).items,
    refetchInterval: 60_000,
  });

export const useAdvisorCase = (id: string) =>
  useQuery({ queryKey: [...key, id], queryFn: () => api.call(r.caseGet, { params: { id } }), refetchInterval: 60_000 });

/** The handler's actions: accept, answer, resolve, escalate, transfer to a colleague, a note. */
export type HandlerAction = 'accept' | 'answer' | 'resolve' | 'escalate' | 'transfer' | 'note';
const routes = {
  accept: r.accept,
  answer: r.answer,
  resolve: r.resolve,
  escalate: r.escalate,
  transfer: r.transfer,
  note: r.note,
} as const;

export const useHandlerAction = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: HandlerAction; body: Record<string, unknown> }) =>
      api.call(routes[action] as typeof r.answer, { params: { id }, body: body as never }),
    onSuccess: (page) => {
      client.setQueryData([...key, id], page);
      void client.invalidateQueries({ queryKey: key });
      void client.invalidateQueries({ queryKey: noticesKey });
    },
  });
};

const noticesKey = ['complaint-notices'] as const;

/** My notices: a deadline about to pass, a case escalated, transferred or assigned to me (each minute). */
export const useNotices = () =>
  useQuery({ queryKey: noticesKey, queryFn: () => api.call(n.notices), refetchInterval: 60_000 });

export const useNoticeSeen = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call(n.noticeSeen, { params: { id }, body: {} }),
    onSuccess: (list) => client.setQueryData(noticesKey, list),
  });
};

/** Colleagues a case can be handed to: active, of the store, who work with customers. */
export const useCaseColleagues = (storeId: string | null) =>
  useQuery({
    queryKey: ['staff', 'complaint-handlers', storeId],
    queryFn: async () => (await api.call(staffRoutes.list, { query: { storeId: storeId || undefined } })).items,
    select: (items) =>
      items.filter((s) => s.status === 'active' && roleGrants[s.role].permissions.includes('customer.write')),
    staleTime: 5 * 60_000,
  });
