import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { inboxRoutes } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const inboxKey = ['owner-inbox'] as const;

/** 消息中心 and its unread count (the 我的 tab's badge); live `inbox` events refetch it. */
export const useInbox = () => useQuery({ queryKey: inboxKey, queryFn: () => api.call(inboxRoutes.list) });

export const useMarkRead = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call(inboxRoutes.read, { params: { id } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
};

export const useReadAll = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.call(inboxRoutes.readAll),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
};
