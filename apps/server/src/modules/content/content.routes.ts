import type { FastifyPluginAsync } from 'fastify';
import { contentRoutes as r, coverMaxChars } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { uploadedImageHeaders } from '../../platform/images.ts';
import * as feed from './feed.service.ts';
import * as knowledge from './knowledge.service.ts';
import * as owner from './owner-feed.service.ts';
import { pushPost } from './push.service.ts';

/** 内容管理 and the owner app's 轮生活 / 用车知识 (docs/feed.md). */
export const contentRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.posts, async (ctx) => ({ items: await feed.listPosts(ctx) }));
  serve(app, r.createPost, (ctx, req) => feed.createPost(ctx, req.body));
  serve(app, r.updatePost, (ctx, req) => feed.updatePost(ctx, req.params.id, req.body));
  serve(app, r.withdrawPost, (ctx, req) => feed.withdrawPost(ctx, req.params.id));
  serve(app, r.putCover, (ctx, req) => feed.putCover(ctx, req.params.id, req.body.dataUrl), {
    bodyLimit: coverMaxChars + 16_384,
  });
  serve(app, r.cover, async (ctx, req, reply) => {
    const cover = await feed.staffCover(ctx, req.params.id);
    void reply
      .headers(uploadedImageHeaders(cover.type, `cover-${req.params.id}`))
      .header('cache-control', 'private, max-age=300');
    return cover.bytes;
  });
  serve(app, r.pushPost, (ctx, req) => pushPost(ctx, req.params.id));
  serve(app, r.articles, async (ctx) => ({ items: await knowledge.listArticles(ctx) }));
  serve(app, r.createArticle, (ctx, req) => knowledge.createArticle(ctx, req.body));
  serve(app, r.updateArticle, (ctx, req) => knowledge.updateArticle(ctx, req.params.id, req.body));
  serve(app, r.deleteArticle, (ctx, req) => knowledge.deleteArticle(ctx, req.params.id));

  serve(app, r.ownerFeed, (ctx, req) => owner.ownerFeed(ctx, req.query));
  serve(app, r.ownerPost, (ctx, req) => owner.ownerPost(ctx, req.params.id));
  serve(app, r.ownerCover, async (ctx, req, reply) => {
    const cover = await owner.ownerCover(ctx, req.params.id);
    void reply
      .headers(uploadedImageHeaders(cover.type, `cover-${req.params.id}`))
      .header('cache-control', 'private, max-age=300');
    return cover.bytes;
  });
  serve(app, r.ownerLike, (ctx, req) => owner.ownerLike(ctx, req.params.id, req.body.liked));
  serve(app, r.ownerArticles, async (ctx, req) => ({ items: await knowledge.searchKnowledge(ctx, req.query) }));
  serve(app, r.ownerArticle, (ctx, req) => knowledge.publishedArticle(ctx, req.params.id));
};
