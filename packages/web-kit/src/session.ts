import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api, ApiError, rememberCsrf } from './api.ts';

/** "Who am I" for a cookie session: signed out is an ordinary answer (401), not an error to retry or show. */
export const getMeOrNull = async <Me>(path: string): Promise<Me | null> => {
  try {
    return await api.get<Me>(path);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
};

/** Signs out at `path`; whatever the server said, this device is signed out afterwards. */
export const useSignOutMutation = (path: string, meKey: QueryKey) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>(path),
    onSettled: () => {
      rememberCsrf(null);
      queryClient.setQueryData(meKey, null);
    },
  });
};
