import { and, desc, eq, sql as dsql } from 'drizzle-orm';
import { z } from 'zod';
import { currentBindingSql } from '../../platform/db/current-binding.ts';
import { col, oneRow, parseRows } from '../../platform/db/rows.ts';
import { feedPosts, stores } from '../../platform/db/schema/index.ts';
import type { SqlExecutor, Tx } from '../../platform/db/types.ts';

/** The feed's posts (docs/feed.md): the admin's list and writes, the owner's audience, feed, reads and likes. */

const postColumns = {
  p: {
    id: feedPosts.id,
    storeId: feedPosts.storeId,
    kind: feedPosts.kind,
    title: feedPosts.title,
    summary: feedPosts.summary,
    body: feedPosts.body,
    targetStoreIds: feedPosts.targetStoreIds,
    targetTiers: feedPosts.targetTiers,
    targetSegments: feedPosts.targetSegments,
    publishAt: feedPosts.publishAt,
    expiresAt: feedPosts.expiresAt,
    withdrawn: feedPosts.withdrawn,
    reads: feedPosts.reads,
    likes: feedPosts.likes,
    pushedAt: feedPosts.pushedAt,
    updatedAt: feedPosts.updatedAt,
  },
  hasCover: dsql<boolean>`(${feedPosts.cover} IS NOT NULL)`,
  storeName: stores.name,
};

const postsWithStore = (db: Tx, tenantId: string) =>
  db
    .select(postColumns)
    .from(feedPosts)
    .leftJoin(
      stores,
      and(eq(stores.tenantId, tenantId), eq(stores.tenantId, feedPosts.tenantId), eq(stores.id, feedPosts.storeId)),
    );

export type PostRow = Awaited<ReturnType<typeof listPosts>>[number];

/** Every post of the tenant (or of one store), newest first — an admin's list of a few hundred at most. */
export const listPosts = (db: Tx, tenantId: string, storeId: string | null) =>
  postsWithStore(db, tenantId)
    .where(and(eq(feedPosts.tenantId, tenantId), storeId ? eq(feedPosts.storeId, storeId) : undefined))
    .orderBy(desc(feedPosts.updatedAt), desc(feedPosts.id))
    .limit(500);

export const findPost = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await postsWithStore(db, tenantId).where(and(eq(feedPosts.tenantId, tenantId), eq(feedPosts.id, id)));
  return row ?? null;
};

export const insertPost = async (db: Tx, values: typeof feedPosts.$inferInsert) => {
  const [row] = await db.insert(feedPosts).values(values).returning({ id: feedPosts.id });
  if (!row) throw new Error('post insert returned nothing');
  return row.id;
};

export const updatePost = async (
  db: Tx,
  tenantId: string,
  id: string,
  values: Partial<typeof feedPosts.$inferInsert>,
) => {
  await db
    .update(feedPosts)
    .set(values)
    .where(and(eq(feedPosts.tenantId, tenantId), eq(feedPosts.id, id)));
};

export const coverOf = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select({ cover: feedPosts.cover })
    .from(feedPosts)
    .where(and(eq(feedPosts.tenantId, tenantId), eq(feedPosts.id, id)));
  return row?.cover ?? null;
};

/** What targets an owner matches: the stores, tiers and segments of the customers whose cars they hold. */
export type Audience = { storeIds: string[]; tiers: string[]; segments: string[] };

export const audienceOfOwner = async (sql: SqlExecutor, tenantId: string, ownerId: string): Promise<Audience> => {
  const rows = parseRows(
    z.object({
      store_id: col.textOrNull,
      tier: col.textOrNull,
      frequency: col.textOrNull,
      rfm: col.textOrNull,
      loyalty: col.textOrNull,
      value_quadrant: col.textOrNull,
    }),
    await sql.executeSql(
      `SELECT c.home_store_id::text AS store_id, m.tier, s.frequency, s.rfm, s.loyalty, s.value_quadrant
         FROM vehicle_bindings b
         JOIN vehicles v ON v.tenant_id = $1 AND v.tenant_id = b.tenant_id AND v.id = b.vehicle_id
         JOIN customers c ON c.tenant_id = $1 AND c.tenant_id = v.tenant_id AND c.id = v.owner_id
         LEFT JOIN loyalty_members m ON m.tenant_id = $1 AND m.tenant_id = c.tenant_id AND m.customer_id = c.id
         LEFT JOIN customer_segments s ON s.tenant_id = $1 AND s.tenant_id = c.tenant_id AND s.customer_id = c.id
        WHERE b.tenant_id = $1 AND b.owner_id = $2 AND ${currentBindingSql('$1')}`,
      [tenantId, ownerId],
      { name: 'content_audience_of_owner' },
    ),
  );
  const uniq = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];
  return {
    storeIds: uniq(rows.map((r) => r.store_id)),
    tiers: uniq(rows.map((r) => r.tier)),
    segments: uniq(
      rows.flatMap((r) => [
        r.frequency && `frequency:${r.frequency}`,
        r.rfm && `rfm:${r.rfm}`,
        r.loyalty && `loyalty:${r.loyalty}`,
        r.value_quadrant && `value:${r.value_quadrant}`,
      ]),
    ),
  };
};

const feedRow = z.object({
  id: col.text,
  kind: col.text,
  title: col.text,
  summary: col.text,
  body: col.text,
  store_name: col.textOrNull,
  publish_at: col.instant,
  has_cover: col.bool,
  reads: col.number,
  likes: col.number,
  liked: col.bool,
});
export type FeedRow = z.infer<typeof feedRow>;

/**
 * The live posts an owner's audience matches, newest first ($3 now; $7/$8 the cursor; $9 the page size): one
 * range of `feed_posts_live_idx`, the targets checked on each row. `$10` narrows to one post.
 */
const feedSql = (withBody: boolean) => `
  SELECT p.id, p.kind, p.title, p.summary, ${withBody ? 'p.body' : "'' AS body"}, st.name AS store_name, p.publish_at,
         (p.cover IS NOT NULL) AS has_cover, p.reads, p.likes, (l.owner_id IS NOT NULL) AS liked
    FROM feed_posts p
    LEFT JOIN stores st ON st.tenant_id = $1 AND st.tenant_id = p.tenant_id AND st.id = p.store_id
    LEFT JOIN feed_likes l ON l.tenant_id = $1 AND l.tenant_id = p.tenant_id AND l.post_id = p.id AND l.owner_id = $2
   WHERE p.tenant_id = $1 AND NOT p.withdrawn AND p.publish_at IS NOT NULL AND p.publish_at <= $3
     AND (p.expires_at IS NULL OR p.expires_at > $3)
     AND (cardinality(p.target_store_ids) = 0 OR p.target_store_ids && $4::uuid[])
     AND (cardinality(p.target_tiers) = 0 OR p.target_tiers && $5::text[])
     AND (cardinality(p.target_segments) = 0 OR p.target_segments && $6::text[])
     AND ($7::timestamptz IS NULL OR (p.publish_at, p.id) < ($7::timestamptz, $8::uuid))
     AND ($10::uuid IS NULL OR p.id = $10::uuid)
   ORDER BY p.publish_at DESC, p.id DESC
   LIMIT $9`;

export const feedOf = async (
  sql: SqlExecutor,
  tenantId: string,
  o: {
    ownerId: string;
    now: Date;
    audience: Audience;
    after: { at: string; id: string } | null;
    limit: number;
    postId?: string;
  },
) =>
  parseRows(
    feedRow,
    await sql.executeSql(
      feedSql(!!o.postId),
      [
        tenantId,
        o.ownerId,
        o.now,
        o.audience.storeIds,
        o.audience.tiers,
        o.audience.segments,
        o.after?.at ?? null,
        o.after?.id ?? null,
        o.limit,
        o.postId ?? null,
      ],
      { name: o.postId ? 'content_feed_post' : 'content_feed_page' },
    ),
  );

/** Counts the owner's first opening of the post (later ones change nothing). */
export const recordRead = async (sql: SqlExecutor, tenantId: string, postId: string, ownerId: string, at: Date) => {
  const added = await sql.executeSql(
    `INSERT INTO feed_reads (tenant_id, post_id, owner_id, at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id, post_id, owner_id) DO NOTHING RETURNING post_id`,
    [tenantId, postId, ownerId, at],
  );
  if (added.rows.length === 0) return false;
  await sql.executeSql('UPDATE feed_posts SET reads = reads + 1 WHERE tenant_id = $1 AND id = $2', [tenantId, postId]);
  return true;
};

/** Sets the owner's like to `liked`; the count moves only when the state did. Returns the post's count. */
export const setLike = async (
  sql: SqlExecutor,
  tenantId: string,
  o: { postId: string; ownerId: string; liked: boolean; at: Date },
) => {
  const changed = o.liked
    ? await sql.executeSql(
        `INSERT INTO feed_likes (tenant_id, post_id, owner_id, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, post_id, owner_id) DO NOTHING RETURNING post_id`,
        [tenantId, o.postId, o.ownerId, o.at],
      )
    : await sql.executeSql(
        'DELETE FROM feed_likes WHERE tenant_id = $1 AND post_id = $2 AND owner_id = $3 RETURNING post_id',
        [tenantId, o.postId, o.ownerId],
      );
  const step = changed.rows.length === 0 ? 0 : o.liked ? 1 : -1;
  return oneRow(
    z.object({ likes: col.number }),
    await sql.executeSql('UPDATE feed_posts SET likes = likes + $3 WHERE tenant_id = $1 AND id = $2 RETURNING likes', [
      tenantId,
      o.postId,
      step,
    ]),
  ).likes;
};

/**
 * A live post's audience for a push: each customer its targets match who holds the app (a current binding),
 * with the account and car the message goes to (one row per customer).
 */
export const pushAudience = async (
  sql: SqlExecutor,
  tenantId: string,
  t: { storeIds: string[]; tiers: string[]; segments: string[] },
) =>
  parseRows(
    z.object({ customer_id: col.text, owner_id: col.text, vehicle_id: col.text, store_id: col.textOrNull }),
    await sql.executeSql(
      `SELECT DISTINCT ON (c.tenant_id, c.id) c.id AS customer_id, b.owner_id, v.id AS vehicle_id, c.home_store_id::text AS store_id
         FROM customers c
         JOIN vehicles v ON v.tenant_id = $1 AND v.tenant_id = c.tenant_id AND v.owner_id = c.id
         JOIN vehicle_bindings b ON b.tenant_id = $1 AND b.tenant_id = v.tenant_id AND b.vehicle_id = v.id
         LEFT JOIN loyalty_members m ON m.tenant_id = $1 AND m.tenant_id = c.tenant_id AND m.customer_id = c.id
         LEFT JOIN customer_segments s ON s.tenant_id = $1 AND s.tenant_id = c.tenant_id AND s.customer_id = c.id
        WHERE c.tenant_id = $1 AND c.erased_at IS NULL AND ${currentBindingSql('$1')}
          AND (cardinality($2::uuid[]) = 0 OR c.home_store_id = ANY($2::uuid[]))
          AND (cardinality($3::text[]) = 0 OR m.tier = ANY($3::text[]))
          AND (cardinality($4::text[]) = 0 OR ARRAY['frequency:' || s.frequency, 'rfm:' || s.rfm,
               'loyalty:' || s.loyalty, 'value:' || s.value_quadrant] && $4::text[])
        ORDER BY c.tenant_id, c.id, b.requested_at DESC`,
      [tenantId, t.storeIds, t.tiers, t.segments],
    ),
  );

export const deleteOwnerActivity = async (sql: SqlExecutor, tenantId: string, ownerIds: string[]) => {
  if (ownerIds.length === 0) return;
  // The counts stay as they were: a read or like was real; only who made it goes.
  await sql.executeSql('DELETE FROM feed_likes WHERE tenant_id = $1 AND owner_id = ANY($2::uuid[])', [
    tenantId,
    ownerIds,
  ]);
  await sql.executeSql('DELETE FROM feed_reads WHERE tenant_id = $1 AND owner_id = ANY($2::uuid[])', [
    tenantId,
    ownerIds,
  ]);
};

export const likedPostsOf = async (sql: SqlExecutor, tenantId: string, ownerIds: string[]) =>
  ownerIds.length === 0
    ? []
    : parseRows(
        z.object({ title: col.text, at: col.instant }),
        await sql.executeSql(
          `SELECT p.title, l.at FROM feed_likes l
             JOIN feed_posts p ON p.tenant_id = $1 AND p.tenant_id = l.tenant_id AND p.id = l.post_id
            WHERE l.tenant_id = $1 AND l.owner_id = ANY($2::uuid[]) ORDER BY l.at`,
          [tenantId, ownerIds],
        ),
      );
