import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InboxList } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const inboxKey = ['owner-inbox'] as const;

/** 消息中心 and its unread count (the 我的 tab's badge); live `inbox` events refetch it. */
export const useInbox = () => useQuery({ queryKey: inboxKey, queryFn: () => api.get<InboxList>('/api/owner/inbox') });

export const useMarkRead = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<{ ok: true; unread: number }>(`/api/owner/inbox/${encodeURIComponent(id)}/read`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
};

export const useReadAll = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true; unread: number }>('/api/owner/inbox/read-all'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
};
