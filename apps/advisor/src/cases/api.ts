import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { complaintRoutes as r } from '@m4s/contracts';
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

/** The handler's actions: accept, answer, resolve, escalate, a note. */
export type HandlerAction = 'accept' | 'answer' | 'resolve' | 'escalate' | 'note';
const routes = { accept: r.accept, answer: r.answer, resolve: r.resolve, escalate: r.escalate, note: r.note } as const;

export const useHandlerAction = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: HandlerAction; body: Record<string, unknown> }) =>
      api.call(routes[action] as typeof r.answer, { params: { id }, body: body as never }),
    onSuccess: (page) => {
      client.setQueryData([...key, id], page);
      void client.invalidateQueries({ queryKey: key });
    },
  });
};
