import { useQuery } from '@tanstack/react-query';
import { chatRoutes as r } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

/** 咨询统计 (docs/chat.md): response times per staff member and the assistant's figures over `days`. */
export const useChatStats = (days: number) =>
  useQuery({
    queryKey: ['chat-stats', days],
    queryFn: () => api.call(r.stats, { query: { days } }),
    refetchInterval: 60_000,
  });
