import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { RouteDef, RouteResult } from '@m4s/contracts';
import { api, ApiError, rememberCsrf } from './api.ts';

/** A route that takes no input (who am I, sign out). */
type Bare = RouteDef & { params?: undefined; query?: undefined; headers?: undefined; body?: undefined };

const callBare = <D extends Bare>(route: D) => (api.call as (r: Bare) => Promise<RouteResult<D>>)(route);

/** "Who am I" for a cookie session: signed out is an ordinary answer (401), not an error to retry or show. */
export const getMeOrNull = async <D extends Bare & { method: 'GET' }>(route: D): Promise<RouteResult<D> | null> => {
  try {
    return await callBare(route);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
};

/** Signs out through `route`; whatever the server said, this device is signed out afterwards. */
export const useSignOutMutation = (route: Bare & { method: 'POST' }, meKey: QueryKey) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => callBare(route),
    onSettled: () => {
      rememberCsrf(null);
      queryClient.setQueryData(meKey, null);
    },
  });
};
