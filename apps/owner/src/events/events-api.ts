import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { eventRoutes } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const key = ['owner-events'] as const;

/** 活动: published events for this owner and their own sign-ups (docs/events.md). */
export const useOwnerEvents = () => useQuery({ queryKey: key, queryFn: () => api.call(eventRoutes.owner) });

export const useOwnerEvent = (id: string) =>
  useQuery({ queryKey: [...key, id], queryFn: () => api.call(eventRoutes.ownerEvent, { params: { id } }) });

/** Sign up or give the seat up; the lists are read again. */
export const useSignup = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: 'signup' | 'cancel') =>
      api.call(action === 'signup' ? eventRoutes.ownerSignup : eventRoutes.ownerCancel, { params: { id } }),
    onSuccess: (event) => {
      queryClient.setQueryData([...key, id], event);
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
};
