import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { eventRoutes } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const key = ['event-check-in'] as const;

/** Today's events to check in at (docs/events.md). */
export const useCheckInEvents = () => useQuery({ queryKey: key, queryFn: () => api.call(eventRoutes.checkInList) });

export const useCheckIn = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { eventId: string; code: string }) =>
      api.call(eventRoutes.checkIn, { params: { id: input.eventId }, body: { code: input.code } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
};
