import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { articleCategories, articleKinds, postKinds } from '@m4s/contracts';
import { owners, staff } from './people.ts';
import { tenantPolicy } from './tenant-table.ts';
import { stamp, stores, tenantKeyColumns, tenantTableRules, tenants } from './tenancy.ts';

/**
 * 轮生活: the group's or a store's posts (docs/feed.md). A post is seen by the owners its targets name, from
 * `publish_at` until `expires_at`; the feed's first page is one index range (`feed_posts_live_idx`).
 */
export const feedPosts = pgTable(
  'feed_posts',
  {
    ...tenantKeyColumns(),
    storeId: uuid('store_id'),
    kind: text('kind', { enum: postKinds }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull(),
    /** The re-encoded cover as a data URL (never selected with the list). */
    cover: text('cover'),
    targetStoreIds: uuid('target_store_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    targetTiers: text('target_tiers')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    targetSegments: text('target_segments')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    publishAt: stamp('publish_at'),
    expiresAt: stamp('expires_at'),
    withdrawn: boolean('withdrawn').notNull().default(false),
    reads: integer('reads').notNull().default(0),
    likes: integer('likes').notNull().default(0),
    pushedAt: stamp('pushed_at'),
    createdBy: uuid('created_by'),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    ...tenantTableRules(t, 'feed_posts'),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [staff.tenantId, staff.id] }),
    index('feed_posts_live_idx')
      .on(t.tenantId, t.publishAt.desc(), t.id.desc())
      .where(sql`NOT withdrawn AND publish_at IS NOT NULL`),
    index('feed_posts_updated_idx').on(t.tenantId, t.updatedAt),
  ],
).enableRLS();

/** A row per owner and post: who opened it (the read count counts owners), who likes it (one like each). */
const ownerOfPost = (name: 'feed_reads' | 'feed_likes') =>
  pgTable(
    name,
    {
      tenantId: uuid('tenant_id')
        .notNull()
        .references(() => tenants.id),
      postId: uuid('post_id').notNull(),
      ownerId: uuid('owner_id').notNull(),
      at: stamp('at').notNull(),
    },
    (t) => [
      primaryKey({ columns: [t.tenantId, t.postId, t.ownerId] }),
      tenantPolicy(name),
      foreignKey({ columns: [t.tenantId, t.postId], foreignColumns: [feedPosts.tenantId, feedPosts.id] }),
      foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [owners.tenantId, owners.id] }),
      index(`${name}_owner_idx`).on(t.tenantId, t.ownerId),
    ],
  ).enableRLS();

export const feedReads = ownerOfPost('feed_reads');
export const feedLikes = ownerOfPost('feed_likes');

/**
 * 用车知识: articles and FAQs. The shipped ones are installed per tenant (keyed by `shipped_key`) and then the
 * tenant's own to edit; the search segments and ranks in Node (modules/content/search.ts).
 */
export const kbArticles = pgTable(
  'kb_articles',
  {
    ...tenantKeyColumns(),
    kind: text('kind', { enum: articleKinds }).notNull(),
    category: text('category', { enum: articleCategories }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    keywords: text('keywords').notNull().default(''),
    published: boolean('published').notNull().default(true),
    shippedKey: text('shipped_key'),
    /** Set instead of deleting a shipped article, so the night does not install it again. */
    deleted: boolean('deleted').notNull().default(false),
    updatedBy: uuid('updated_by'),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    ...tenantTableRules(t, 'kb_articles'),
    foreignKey({ columns: [t.tenantId, t.updatedBy], foreignColumns: [staff.tenantId, staff.id] }),
    uniqueIndex('kb_articles_shipped_key').on(t.tenantId, t.shippedKey),
    index('kb_articles_updated_idx').on(t.tenantId, t.updatedAt),
  ],
).enableRLS();
