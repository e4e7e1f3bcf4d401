import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { chatRoutes, type ChatKind } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const chatKey = ['owner-chat'] as const;
const threadKey = (kind: ChatKind) => [...chatKey, kind] as const;

/** 咨询: the owner's advisors and the assistant with unread counts; live `chat` events refetch (live-events.ts). */
export const useChats = () => useQuery({ queryKey: chatKey, queryFn: () => api.call(chatRoutes.ownerChats) });

export const useThread = (kind: ChatKind) =>
  useQuery({ queryKey: threadKey(kind), queryFn: () => api.call(chatRoutes.ownerThread, { query: { kind } }) });

export const photoUrl = (id: string) => api.href(chatRoutes.ownerPhoto, { params: { id } });

export const useSend = (kind: ChatKind) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { text: string; photo?: string }) => api.call(chatRoutes.ownerPost, { query: { kind }, body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: chatKey }),
  });
};

export const useMarkRead = (kind: ChatKind) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.call(chatRoutes.ownerRead, { query: { kind } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: chatKey, exact: true }),
  });
};

export const useAnswerAction = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, action }: { id: string; action: 'resolve' | 'handover' }) => {
      if (action === 'resolve') await api.call(chatRoutes.ownerResolve, { params: { id } });
      else await api.call(chatRoutes.ownerHandover, { params: { id } });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: chatKey }),
  });
};
