import { idParams, okResponse } from '../common.ts';
import { defineRoutes } from '../api/route.ts';
import {
  chatKindParams,
  chatMessage,
  chatMessageInput,
  chatPosted,
  chatStats,
  chatStatsQuery,
  chatThread,
  ownerChats,
  staffConversations,
  staffThread,
} from '../chat.ts';

const tags = ['chat'];
const ownerTags = ['owner'];
const answer = 'chat.answer';

/** 咨询 (docs/chat.md): the owner's conversations with their advisors and the assistant, the advisor's 会员咨询. */
export const chatRoutes = defineRoutes({
  ownerChats: { method: 'GET', path: '/owner/chat', auth: 'owner', response: ownerChats, tags: ownerTags },
  ownerThread: {
    method: 'GET',
    path: '/owner/chat/thread',
    auth: 'owner',
    query: chatKindParams,
    response: chatThread,
    tags: ownerTags,
  },
  /** The owner writes (the conversation is opened by the first message); to the assistant: it answers at once. */
  ownerPost: {
    method: 'POST',
    path: '/owner/chat/messages',
    auth: 'owner',
    query: chatKindParams,
    body: chatMessageInput,
    response: chatPosted,
    status: 201,
    tags: ownerTags,
  },
  ownerRead: {
    method: 'POST',
    path: '/owner/chat/read',
    auth: 'owner',
    query: chatKindParams,
    response: okResponse,
    tags: ownerTags,
  },
  ownerPhoto: {
    method: 'GET',
    path: '/owner/chat/photos/:id',
    auth: 'owner',
    params: idParams,
    response: 'file',
    tags: ownerTags,
  },
  /** 已解决: the owner says the assistant's answer (message id) closed the question. */
  ownerResolve: {
    method: 'POST',
    path: '/owner/chat/answers/:id/resolve',
    auth: 'owner',
    params: idParams,
    response: chatMessage,
    tags: ownerTags,
  },
  /** 转人工: the owner hands the question of this answer to the right advisor, the conversation attached. */
  ownerHandover: {
    method: 'POST',
    path: '/owner/chat/answers/:id/handover',
    auth: 'owner',
    params: idParams,
    response: chatPosted,
    tags: ownerTags,
  },

  conversations: {
    method: 'GET',
    path: '/chat/conversations',
    auth: 'staff',
    permission: answer,
    response: staffConversations,
    tags,
  },
  conversation: {
    method: 'GET',
    path: '/chat/conversations/:id',
    auth: 'staff',
    permission: answer,
    params: idParams,
    response: staffThread,
    tags,
  },
  staffPost: {
    method: 'POST',
    path: '/chat/conversations/:id/messages',
    auth: 'staff',
    permission: answer,
    params: idParams,
    body: chatMessageInput,
    response: chatPosted,
    status: 201,
    tags,
  },
  staffRead: {
    method: 'POST',
    path: '/chat/conversations/:id/read',
    auth: 'staff',
    permission: answer,
    params: idParams,
    response: okResponse,
    tags,
  },
  staffPhoto: {
    method: 'GET',
    path: '/chat/photos/:id',
    auth: 'staff',
    permission: answer,
    params: idParams,
    response: 'file',
    tags,
  },
  /** Response times per staff member and the assistant's closed questions (managers). */
  stats: {
    method: 'GET',
    path: '/chat/stats',
    auth: 'staff',
    permission: 'chat.supervise',
    query: chatStatsQuery,
    response: chatStats,
    tags,
  },
  /** The staff member's chat events as Server-Sent Events (`chat`): the conversations they may answer. */
  events: { method: 'GET', path: '/chat/events', auth: 'custom', response: 'stream', tags },
});
