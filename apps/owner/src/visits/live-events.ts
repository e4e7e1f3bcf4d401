import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { inboxRoutes } from '@m4s/contracts';
import { api } from '@m4s/web-kit';
import { bookingsKey } from '../booking/booking-api.ts';
import { inboxKey } from '../inbox/inbox-api.ts';
import { visitKey, visitsKey } from './visits-api.ts';

// Whether the live stream is up, for the visit page's 实时更新 mark; one stream per signed-in app.
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

const refreshVisit = (queryClient: QueryClient, visitId: string | null) => {
  if (visitId) void queryClient.invalidateQueries({ queryKey: visitKey(visitId) });
  void queryClient.invalidateQueries({ queryKey: visitsKey });
  // Check-in turns the booking into 已到店 (the list and the booking's own page).
  void queryClient.invalidateQueries({ queryKey: bookingsKey });
  void queryClient.invalidateQueries({ queryKey: ['owner-booking'] });
};

/**
 * The owner's live stream (`inboxRoutes.events`): each `visit` or `estimate` event refetches that visit,
 * each `inbox` event the message centre. EventSource retries a dropped connection by itself; when the
 * server refuses it (CLOSED) we reconnect with a growing delay. After a reconnect everything is refetched,
 * since events sent meanwhile are lost.
 */
export const useLiveEvents = () => {
  const queryClient = useQueryClient();
  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = 1_000;
    let opened = false;

    const connect = () => {
      const next = new EventSource(api.href(inboxRoutes.events), { withCredentials: true });
      source = next;
      next.onopen = () => {
        delay = 1_000;
        setLiveState('open');
        if (opened) {
          void queryClient.invalidateQueries({ queryKey: ['owner-visit'] });
          refreshVisit(queryClient, null);
          void queryClient.invalidateQueries({ queryKey: inboxKey });
        }
        opened = true;
      };
      next.addEventListener('visit', (e) => refreshVisit(queryClient, visitIdOf(e)));
      next.addEventListener('estimate', (e) => refreshVisit(queryClient, visitIdOf(e)));
      next.addEventListener('inbox', () => void queryClient.invalidateQueries({ queryKey: inboxKey }));
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
  }, [queryClient]);
};
