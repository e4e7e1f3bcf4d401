import { inboxList, inboxReadResponse } from '../visits.ts';
import { idParams } from '../common.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['owner-inbox'];

/** The owner app's 消息中心 and its live event stream. */
export const inboxRoutes = defineRoutes({
  list: { method: 'GET', path: '/owner/inbox', auth: 'owner', response: inboxList, tags },
  read: {
    method: 'POST',
    path: '/owner/inbox/:id/read',
    auth: 'owner',
    params: idParams,
    response: inboxReadResponse,
    tags,
  },
  readAll: { method: 'POST', path: '/owner/inbox/read-all', auth: 'owner', response: inboxReadResponse, tags },
  /**
   * The signed-in owner's live events as Server-Sent Events (`visit`, `estimate`, `inbox`). `custom`: the
   * session is checked in a short transaction and the stream is held outside any.
   */
  events: { method: 'GET', path: '/owner/events', auth: 'custom', response: 'stream', tags },
});
