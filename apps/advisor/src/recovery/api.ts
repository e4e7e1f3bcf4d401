import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { recoveryRoutes, type RecoveryCloseInput, type RecoveryFollowUpInput } from '@m4s/contracts';
import { api } from '@m4s/web-kit';
import { callsKey } from '../calls/api.ts';

export const recoveryKey = ['recovery'] as const;

/** The server's time minus this device's as the answer arrived: countdowns count on the server's clock. */
const withSkew = <T extends { now: string }>(r: T) => ({ ...r, skew: Date.parse(r.now) - Date.now() });

/** My open hot alerts (assigned or escalated to me), most urgent first; read again every minute. */
export const useMyAlerts = () =>
  useQuery({
    queryKey: [...recoveryKey, 'mine'],
    queryFn: async () =>
      withSkew(await api.call(recoveryRoutes.list, { query: { scope: 'mine', status: 'open', page: 1 } })),
    refetchInterval: 60_000,
  });

export const useAlert = (id: string) =>
  useQuery({
    queryKey: [...recoveryKey, 'alert', id],
    queryFn: async () => withSkew(await api.call(recoveryRoutes.get, { params: { id } })),
  });

export const useRecoveryPolicy = () =>
  useQuery({
    queryKey: [...recoveryKey, 'policy'],
    queryFn: () => api.call(recoveryRoutes.policy),
    staleTime: 300_000,
  });

export const useCloseAlert = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RecoveryCloseInput) => api.call(recoveryRoutes.close, { params: { id }, body }),
    onSettled: () => client.invalidateQueries({ queryKey: recoveryKey }),
  });
};

/** The follow-up call's answer: completes the call (the queue and the call are read again). */
export const useFollowUpAnswer = (taskId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RecoveryFollowUpInput) => api.call(recoveryRoutes.followUp, { params: { id: taskId }, body }),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: callsKey }),
        client.invalidateQueries({ queryKey: recoveryKey }),
      ]),
  });
};
