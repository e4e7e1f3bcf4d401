import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { chatRoutes } from '@m4s/contracts';
import { api, createLiveStream } from '@m4s/web-kit';

export const inboxKey = ['chat-inbox'] as const;
export const threadKey = (id: string) => ['chat-thread', id] as const;

export const useChatInbox = () => useQuery({ queryKey: inboxKey, queryFn: () => api.call(chatRoutes.conversations) });

export const useChatThread = (id: string) =>
  useQuery({ queryKey: threadKey(id), queryFn: () => api.call(chatRoutes.conversation, { params: { id } }) });

export const photoUrl = (id: string) => api.href(chatRoutes.staffPhoto, { params: { id } });

export const useReply = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { text: string; photo?: string }) => api.call(chatRoutes.staffPost, { params: { id }, body }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: threadKey(id) });
      await queryClient.invalidateQueries({ queryKey: inboxKey });
    },
  });
};

export const useMarkRead = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.call(chatRoutes.staffRead, { params: { id } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
};

const stream = createLiveStream();

/** The staff's chat stream (`chatRoutes.events`): a `chat` event refetches the inbox and that conversation. */
export const useChatLive = () => {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: inboxKey });
    void queryClient.invalidateQueries({ queryKey: ['chat-thread'] });
  };
  stream.useLiveStream(api.href(chatRoutes.events), { on: { chat: refresh }, onReconnect: refresh });
};
