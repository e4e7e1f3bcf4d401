import { useEffect, useRef, useSyncExternalStore } from 'react';

type LiveState = 'connecting' | 'open';

/** What an app does with its stream's events: by event name, given the event's `visitId` (or null). */
export type LiveHandlers = {
  on: Record<string, (visitId: string | null) => void>;
  /** After a reconnect: events sent meanwhile are lost, so everything the stream keeps fresh is refetched. */
  onReconnect: () => void;
};

const visitIdOf = (event: Event): string | null => {
  try {
    const data = JSON.parse((event as MessageEvent<string>).data) as { visitId?: unknown };
    return typeof data.visitId === 'string' ? data.visitId : null;
  } catch {
    return null;
  }
};

/**
 * One app's live stream (the owner's `inboxRoutes.events`, the advisor's `visitRoutes.storeEvents`): the
 * hook that keeps it open and `useLiveState` for the 实时 mark. EventSource retries a dropped connection
 * itself; when the server refuses it (CLOSED) we reconnect with a growing delay (1 s doubling to 30 s).
 */
export const createLiveStream = () => {
  let state: LiveState = 'connecting';
  const listeners = new Set<() => void>();
  const setState = (next: LiveState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  const useLiveState = () => useSyncExternalStore(subscribe, () => state);

  /** Keeps the stream at `url` open while mounted (none while `url` is null). */
  const useLiveStream = (url: string | null, handlers: LiveHandlers) => {
    const latest = useRef(handlers);
    latest.current = handlers;
    useEffect(() => {
      if (!url) return;
      let source: EventSource | null = null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let delay = 1_000;
      let opened = false;
      const connect = () => {
        const next = new EventSource(url, { withCredentials: true });
        source = next;
        next.onopen = () => {
          delay = 1_000;
          setState('open');
          if (opened) latest.current.onReconnect();
          opened = true;
        };
        for (const name of Object.keys(latest.current.on))
          next.addEventListener(name, (e) => latest.current.on[name]?.(visitIdOf(e)));
        next.onerror = () => {
          setState('connecting');
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
        setState('connecting');
      };
    }, [url]);
  };

  return { useLiveState, useLiveStream };
};
