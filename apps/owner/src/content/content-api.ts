import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { contentRoutes, type ArticleCategory, type FeedPage, type FeedPost } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const feedKey = ['owner-feed'] as const;

/** 轮生活: the posts targeted at this owner, newest first, a page at a time (docs/feed.md). */
export const useFeed = () =>
  useInfiniteQuery({
    queryKey: feedKey,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.call(contentRoutes.ownerFeed, { query: { limit: 10, ...(pageParam ? { cursor: pageParam } : {}) } }),
    getNextPageParam: (last: FeedPage) => last.next ?? undefined,
  });

export const usePost = (id: string) =>
  useQuery({
    queryKey: [...feedKey, 'post', id],
    queryFn: () => api.call(contentRoutes.ownerPost, { params: { id } }),
  });

export const coverUrl = (id: string) => api.href(contentRoutes.ownerCover, { params: { id } });

/** Sets the owner's like (the wanted state, so a double tap does no harm); the post and the feed follow. */
export const useLike = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (liked: boolean) => api.call(contentRoutes.ownerLike, { params: { id }, body: { liked } }),
    onSuccess: (result) => {
      queryClient.setQueryData<FeedPost>([...feedKey, 'post', id], (post) => (post ? { ...post, ...result } : post));
      void queryClient.invalidateQueries({ queryKey: feedKey, exact: true });
    },
  });
};

/** 用车知识: the articles that answer `q` (best first), or every article of a category. */
export const useKnowledge = (q: string, category: ArticleCategory | undefined) =>
  useQuery({
    queryKey: ['owner-knowledge', q, category ?? ''],
    queryFn: () =>
      api.call(contentRoutes.ownerArticles, {
        query: { ...(q ? { q } : {}), ...(category ? { category } : {}) },
      }),
  });

export const useArticle = (id: string) =>
  useQuery({
    queryKey: ['owner-knowledge', 'article', id],
    queryFn: () => api.call(contentRoutes.ownerArticle, { params: { id } }),
  });
