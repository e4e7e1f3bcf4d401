import { definePersonalData } from '../../platform/personal-data.ts';
import { deleteOwnerActivity, likedPostsOf } from './feed.queries.ts';

/**
 * What the feed knows of a person: which posts their app accounts opened and liked. Erasure deletes those rows
 * (before auth deletes the accounts); the posts' counts stay, as what happened, naming no one.
 */
export const contentPersonalData = definePersonalData({
  module: 'content',
  tables: [],
  export: async (ctx, _id, person) => ({
    feedLikes: (await likedPostsOf(ctx.sql, ctx.tenantId, person.ownerIds)).map((l) => ({
      post: l.title,
      at: l.at.toISOString(),
    })),
  }),
  erase: (ctx, _id, person) => deleteOwnerActivity(ctx.sql, ctx.tenantId, person.ownerIds),
});
