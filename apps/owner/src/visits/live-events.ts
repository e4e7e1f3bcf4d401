import { useQueryClient } from '@tanstack/react-query';
import { inboxRoutes } from '@m4s/contracts';
import { api, createLiveStream } from '@m4s/web-kit';
import { bookingsKey } from '../booking/booking-api.ts';
import { chatKey } from '../chat/chat-api.ts';
import { inboxKey } from '../inbox/inbox-api.ts';
import { visitKey, visitsKey } from './visits-api.ts';
import { requestsKey } from '../services/services-api.ts';

// Whether the live stream is up, for the visit page's 实时更新 mark; one stream per signed-in app.
const stream = createLiveStream();
export const useLiveState = stream.useLiveState;

/**
 * The owner's live stream (`inboxRoutes.events`): each `visit` or `estimate` event refetches that visit,
 * each `inbox` event the message centre; after a reconnect everything is refetched.
 */
export const useLiveEvents = () => {
  const queryClient = useQueryClient();
  const refreshVisit = (visitId: string | null) => {
    if (visitId) void queryClient.invalidateQueries({ queryKey: visitKey(visitId) });
    void queryClient.invalidateQueries({ queryKey: visitsKey });
    // Check-in turns the booking into 已到店 (the list and the booking's own page).
    void queryClient.invalidateQueries({ queryKey: bookingsKey });
    void queryClient.invalidateQueries({ queryKey: ['owner-booking'] });
  };
  const refreshInbox = () => void queryClient.invalidateQueries({ queryKey: inboxKey });
  // A chat message (docs/chat.md): the conversations and their unread counts.
  const refreshChat = () => void queryClient.invalidateQueries({ queryKey: chatKey });
  // A service request's step (车业务; the event names a request, not a visit): the open request and the list.
  const refreshService = () => void queryClient.invalidateQueries({ queryKey: requestsKey });
  stream.useLiveStream(api.href(inboxRoutes.events), {
    on: {
      visit: refreshVisit,
      estimate: refreshVisit,
      inbox: refreshInbox,
      chat: refreshChat,
      service: refreshService,
    },
    onReconnect: () => {
      void queryClient.invalidateQueries({ queryKey: ['owner-visit'] });
      refreshVisit(null);
      refreshInbox();
      refreshChat();
      refreshService();
    },
  });
};
