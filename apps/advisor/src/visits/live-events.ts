import { useQueryClient } from '@tanstack/react-query';
import { visitRoutes } from '@m4s/contracts';
import { api, createLiveStream } from '@m4s/web-kit';
import { boardKey, visitKey } from './visit-api.ts';

// Whether the store's live stream is up, for the 实时 mark on the board and the visit page.
const stream = createLiveStream();
export const useLiveState = stream.useLiveState;

/**
 * The store's live stream (`visitRoutes.storeEvents`), the same mechanism as the owner app's: a `visit`
 * or `estimate` event (the owner's decision, a stage, an estimate sent) refetches that visit and the
 * board, a `booking` event the board; after a reconnect everything is refetched.
 */
export const useStoreLiveEvents = (storeId: string | null | undefined) => {
  const queryClient = useQueryClient();
  const refreshVisit = (visitId: string | null) => {
    if (visitId) void queryClient.invalidateQueries({ queryKey: visitKey(visitId) });
    void queryClient.invalidateQueries({ queryKey: boardKey });
  };
  stream.useLiveStream(storeId ? api.href(visitRoutes.storeEvents, { params: { id: storeId } }) : null, {
    on: { visit: refreshVisit, estimate: refreshVisit, booking: () => refreshVisit(null) },
    onReconnect: () => {
      void queryClient.invalidateQueries({ queryKey: ['visit'] });
      refreshVisit(null);
    },
  });
};
