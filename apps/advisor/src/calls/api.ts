import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callRoutes, surveyRoutes, type CallOutcomeInput, type ResponseInput } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const callsKey = ['calls'] as const;
export type CallScope = 'mine' | 'store';
export type QueueFilter = { scope: CallScope; when: 'today' | 'all'; late: boolean; page: number };

/** A page of a queue in the server's order (due time, inside each customer's slot and quiet hours). */
export const useCallQueue = (f: QueueFilter) =>
  useQuery({
    queryKey: [...callsKey, 'queue', f],
    queryFn: () =>
      api.call(callRoutes.queue, {
        query: { scope: f.scope, when: f.when, late: f.late ? 'true' : 'false', page: f.page },
      }),
    placeholderData: keepPreviousData,
  });

export const useCall = (id: string) =>
  useQuery({ queryKey: [...callsKey, 'call', id], queryFn: () => api.call(callRoutes.get, { params: { id } }) });

export const useCallPolicy = () =>
  useQuery({ queryKey: [...callsKey, 'policy'], queryFn: () => api.call(callRoutes.policy), staleTime: 5 * 60_000 });

/** Records one attempt; the queue and the call are read again whatever the answer (a 409 means they moved). */
export const useRecordOutcome = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CallOutcomeInput) => api.call(callRoutes.outcome, { params: { id }, body }),
    onSettled: () => client.invalidateQueries({ queryKey: callsKey }),
  });
};

export const useReassignCalls = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { taskIds: string[]; assigneeId: string }) => api.call(callRoutes.reassign, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: callsKey }),
  });
};

/**
 * A completed call with its questionnaire: the answers through the survey-response route with the task id
 * and the outcome, saved in one transaction (docs/calls.md); the call, the queue and the alerts are read again.
 */
export const useRecordWithAnswers = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ResponseInput) => api.call(surveyRoutes.record, { body }),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: callsKey }),
        client.invalidateQueries({ queryKey: ['recovery'] }),
        client.invalidateQueries({ queryKey: [...callsKey, 'call', id] }),
      ]),
  });
};
