import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { eventRoutes as r, type EventInput, type EventInviteBody } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

/** 会员管理 › 活动 (docs/events.md). */
const key = ['events'] as const;

const useInvalidating = <I, O>(fn: (input: I) => Promise<O>) => {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: key }) });
};

export const useEvents = () =>
  useQuery({ queryKey: key, queryFn: async () => (await api.call(r.list, { query: {} })).items });
export const useEventDetail = (id: string | null, windowDays: number) =>
  useQuery({
    queryKey: [...key, id, windowDays],
    queryFn: () => api.call(r.get, { params: { id: id ?? '' }, query: { windowDays } }),
    enabled: id !== null,
  });
export const useSignups = (id: string | null) =>
  useQuery({
    queryKey: [...key, id, 'signups'],
    queryFn: async () => (await api.call(r.signups, { params: { id: id ?? '' } })).items,
    enabled: id !== null,
  });

export const useSaveEvent = () =>
  useInvalidating(({ id, body }: { id: string | null; body: EventInput }) =>
    id ? api.call(r.update, { params: { id }, body }) : api.call(r.create, { body }),
  );
export const usePublish = () => useInvalidating((id: string) => api.call(r.publish, { params: { id } }));
export const useClose = () => useInvalidating((id: string) => api.call(r.close, { params: { id } }));
export const useCancelEvent = () =>
  useInvalidating(({ id, reason }: { id: string; reason: string }) =>
    api.call(r.cancel, { params: { id }, body: { reason } }),
  );
export const useInvite = () =>
  useInvalidating(({ id, body }: { id: string; body: EventInviteBody }) =>
    api.call(r.invite, { params: { id }, body }),
  );
