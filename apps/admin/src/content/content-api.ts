import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { contentRoutes as r, type ArticleInput, type PostInput } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

/** 内容管理 (docs/feed.md): the feed's posts and the knowledge base. */
const key = ['content'] as const;

const useInvalidating = <I, O>(fn: (input: I) => Promise<O>) => {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: key }) });
};

export const usePosts = () =>
  useQuery({ queryKey: [...key, 'posts'], queryFn: async () => (await api.call(r.posts)).items });
export const useSavePost = () =>
  useInvalidating(({ id, body }: { id: string | null; body: PostInput }) =>
    id ? api.call(r.updatePost, { params: { id }, body }) : api.call(r.createPost, { body }),
  );
export const useWithdrawPost = () => useInvalidating((id: string) => api.call(r.withdrawPost, { params: { id } }));
export const usePushPost = () => useInvalidating((id: string) => api.call(r.pushPost, { params: { id } }));
export const usePutCover = () =>
  useInvalidating(({ id, dataUrl }: { id: string; dataUrl: string }) =>
    api.call(r.putCover, { params: { id }, body: { dataUrl } }),
  );
export const coverUrl = (id: string, version: string) =>
  `${api.href(r.cover, { params: { id } })}?v=${encodeURIComponent(version)}`;

export const useArticles = () =>
  useQuery({ queryKey: [...key, 'articles'], queryFn: async () => (await api.call(r.articles)).items });
export const useSaveArticle = () =>
  useInvalidating(({ id, body }: { id: string | null; body: ArticleInput }) =>
    id ? api.call(r.updateArticle, { params: { id }, body }) : api.call(r.createArticle, { body }),
  );
export const useDeleteArticle = () => useInvalidating((id: string) => api.call(r.deleteArticle, { params: { id } }));
