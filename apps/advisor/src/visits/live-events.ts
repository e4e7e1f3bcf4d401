import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { visitRoutes } from '@m4s/contracts';
import { api } from '@m4s/web-kit';
import { boardKey, visitKey } from './visit-api.ts';

// Whether the store's live stream is up, for the 实时 mark on the board and the visit page.
type LiveState = 'connecting' | 'open';
let liveState: LiveState = 'connecting';
const listeners = new Set<() => void>();
const setLiveState = (next: LiveState) => {
  liveState = next;
  for (const listener of listeners) listener();
};
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
export const useLiveState = () => useSyncExternalStore(subscribe, () => liveState);

const visitIdOf = (event: Event): string | null => {
  try {
    const data = JSON.parse((event as MessageEvent<string>).data) as { visitId?: unknown };
    return typeof data.visitId === 'string' ? data.visitId : null;
  } catch {
    return null;
  }
};

/**
 * The store's live stream (`visitRoutes.storeEvents`), the same mechanism as the owner app's: a `visit`
 * or `estimate` event (the owner's decision, a stage, an estimate sent) refetches that visit and the
 * board, a `booking` event the board. EventSource retries a dropped connection itself; when the server
 * refuses it (CLOSED) we reconnect with a growing delay, and after a reconnect everything is refetched,
 * since events sent meanwhile are lost.
 */
export const useStoreLiveEvents = (storeId: string | null | undefined) => {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!storeId) return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = 1_000;
    let opened = false;
    const refreshVisit = (visitId: string | null) => {
      if (visitId) void queryClient.invalidateQueries({ queryKey: visitKey(visitId) });
      void queryClient.invalidateQueries({ queryKey: boardKey });
    };

    const connect = () => {
      const next = new EventSource(api.href(visitRoutes.storeEvents, { params: { id: storeId } }), {
        withCredentials: true,
      });
      source = next;
      next.onopen = () => {
        delay = 1_000;
        setLiveState('open');
        if (opened) {
          void queryClient.invalidateQueries({ queryKey: ['visit'] });
          refreshVisit(null);
        }
        opened = true;
      };
      next.addEventListener('visit', (e) => refreshVisit(visitIdOf(e)));
      next.addEventListener('estimate', (e) => refreshVisit(visitIdOf(e)));
      next.addEventListener('booking', () => refreshVisit(null));
      next.onerror = () => {
        setLiveState('connecting');
        if (next.readyState !== EventSource.CLOSED) return;
        next.close();
        timer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30_000);
      };
    };

    connect();
    return () => {
      clearTimeout(timer);
      source?.close();
      setLiveState('connecting');
    };
  }, [queryClient, storeId]);
};
