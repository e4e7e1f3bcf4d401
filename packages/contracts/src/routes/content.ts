import { z } from 'zod';
import { idParams, listOf, okResponse } from '../common.ts';
import { defineRoutes } from '../api/route.ts';
import {
  article,
  articleHits,
  articleInput,
  articleQuery,
  coverBody,
  feedPage,
  feedPost,
  feedQuery,
  likeResult,
  post,
  postInput,
  pushResult,
} from '../content.ts';

const tags = ['content'];
const ownerTags = ['owner'];
const manage = 'content.manage';

/** 内容管理 (docs/feed.md): the feed's posts and the knowledge base, and the owner app's 轮生活 and 用车知识. */
export const contentRoutes = defineRoutes({
  posts: { method: 'GET', path: '/content/posts', auth: 'staff', permission: manage, response: listOf(post), tags },
  createPost: {
    method: 'POST',
    path: '/content/posts',
    auth: 'staff',
    permission: manage,
    body: postInput,
    response: post,
    status: 201,
    tags,
  },
  updatePost: {
    method: 'PUT',
    path: '/content/posts/:id',
    auth: 'staff',
    permission: manage,
    params: idParams,
    body: postInput,
    response: post,
    tags,
  },
  /** Taken off the feed at once (kept, with its counts). */
  withdrawPost: {
    method: 'POST',
    path: '/content/posts/:id/withdraw',
    auth: 'staff',
    permission: manage,
    params: idParams,
    response: post,
    tags,
  },
  /** The cover: decoded and re-encoded by the server (sharp), metadata stripped; the app-wide body limit is raised here. */
  putCover: {
    method: 'PUT',
    path: '/content/posts/:id/cover',
    auth: 'staff',
    permission: manage,
    params: idParams,
    body: coverBody,
    response: post,
    tags,
  },
  cover: {
    method: 'GET',
    path: '/content/posts/:id/cover',
    auth: 'staff',
    permission: manage,
    params: idParams,
    response: 'file',
    tags,
  },
  /** An optional push of a live post to its audience: each message passes the contact gate as marketing. */
  pushPost: {
    method: 'POST',
    path: '/content/posts/:id/push',
    auth: 'staff',
    permission: manage,
    params: idParams,
    response: pushResult,
    tags,
  },
  articles: {
    method: 'GET',
    path: '/content/articles',
    auth: 'staff',
    permission: manage,
    response: listOf(article),
    tags,
  },
  createArticle: {
    method: 'POST',
    path: '/content/articles',
    auth: 'staff',
    permission: manage,
    body: articleInput,
    response: article,
    status: 201,
    tags,
  },
  updateArticle: {
    method: 'PUT',
    path: '/content/articles/:id',
    auth: 'staff',
    permission: manage,
    params: idParams,
    body: articleInput,
    response: article,
    tags,
  },
  deleteArticle: {
    method: 'DELETE',
    path: '/content/articles/:id',
    auth: 'staff',
    permission: manage,
    params: idParams,
    response: okResponse,
    tags,
  },
  ownerFeed: {
    method: 'GET',
    path: '/owner/feed',
    auth: 'owner',
    query: feedQuery,
    response: feedPage,
    tags: ownerTags,
  },
  /** One post the owner may see; opening it counts one read per owner. */
  ownerPost: {
    method: 'GET',
    path: '/owner/feed/:id',
    auth: 'owner',
    params: idParams,
    response: feedPost,
    tags: ownerTags,
  },
  ownerCover: {
    method: 'GET',
    path: '/owner/feed/:id/cover',
    auth: 'owner',
    params: idParams,
    response: 'file',
    tags: ownerTags,
  },
  /** Sets or clears the owner's like: `liked` is the state wanted, so a retry changes nothing. */
  ownerLike: {
    method: 'PUT',
    path: '/owner/feed/:id/like',
    auth: 'owner',
    params: idParams,
    body: z.strictObject({ liked: z.boolean() }),
    response: likeResult,
    tags: ownerTags,
  },
  ownerArticles: {
    method: 'GET',
    path: '/owner/knowledge',
    auth: 'owner',
    query: articleQuery,
    response: articleHits,
    tags: ownerTags,
  },
  ownerArticle: {
    method: 'GET',
    path: '/owner/knowledge/:id',
    auth: 'owner',
    params: idParams,
    response: article,
    tags: ownerTags,
  },
});
