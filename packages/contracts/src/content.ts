import { z } from 'zod';
import { frequencyClasses, loyaltyGrades, rfmClasses, valueQuadrants } from './lifecycle.ts';

/**
 * 轮生活 (the dealer's feed) and 用车知识 (the car-care knowledge base), docs/feed.md. Posts are shown in the
 * owner app to the owners they target, never pushed; a push is a separate act through the contact gate.
 */
export const postKinds = ['news', 'new_model', 'offer', 'policy', 'event', 'car_life'] as const;
export type PostKind = (typeof postKinds)[number];

/** A customer segment a post may target: `<dimension>:<class>` over the nightly classes (docs/segments.md). */
export const postSegments = [
  ...frequencyClasses.map((c) => `frequency:${c}` as const),
  ...rfmClasses.map((c) => `rfm:${c}` as const),
  ...loyaltyGrades.map((c) => `loyalty:${c}` as const),
  ...valueQuadrants.map((c) => `value:${c}` as const),
] as const;
export type PostSegment = (typeof postSegments)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const tierCode = z.string().regex(/^[a-z][a-z0-9_]{0,19}$/, { message: 'loyalty_tier_code' });

/** Who sees a post: every list empty means every owner of the tenant; lists are ANDed, values in one ORed. */
export const postTargets = z.object({
  storeIds: z.array(z.uuid()).max(50).default([]),
  tiers: z.array(tierCode).max(20).default([]),
  segments: z.array(z.enum(postSegments)).max(30).default([]),
});
export type PostTargets = z.infer<typeof postTargets>;

export const postInput = z
  .strictObject({
    kind: z.enum(postKinds),
    title: text(80),
    summary: z.string().trim().max(200).default(''),
    body: text(10_000),
    targets: postTargets.default({ storeIds: [], tiers: [], segments: [] }),
    /** Null: a draft nobody sees. */
    publishAt: z.iso.datetime({ offset: true }).nullable().default(null),
    expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
  })
  .refine((p) => !p.publishAt || !p.expiresAt || Date.parse(p.expiresAt) > Date.parse(p.publishAt), {
    message: 'content_expiry_order',
    path: ['expiresAt'],
  });
export type PostInput = z.input<typeof postInput>;

export const postStatuses = ['draft', 'scheduled', 'live', 'expired', 'withdrawn'] as const;
export type PostStatus = (typeof postStatuses)[number];

export const post = z.object({
  id: z.uuid(),
  kind: z.enum(postKinds),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  /** The store that wrote it; null: the group. */
  storeId: z.uuid().nullable(),
  storeName: z.string().nullable(),
  targets: postTargets,
  publishAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  withdrawn: z.boolean(),
  status: z.enum(postStatuses),
  hasCover: z.boolean(),
  reads: z.number().int(),
  likes: z.number().int(),
  pushedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type Post = z.infer<typeof post>;

/** A cover as a data URL (JSON); the server decodes and re-encodes it (metadata stripped, at most 1280 px). */
export const coverMaxChars = 3_000_000;
export const coverBody = z.strictObject({
  dataUrl: z
    .string()
    .max(coverMaxChars, { message: 'photo_size' })
    .regex(/^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/]+=*$/, { message: 'photo_format' }),
});

export const pushResult = z.object({
  targeted: z.number().int(),
  sent: z.number().int(),
  heldOrSuppressed: z.number().int(),
});
export type PushResult = z.infer<typeof pushResult>;

/** The owner's feed: newest first, a page at a time (the cursor is the last item's `publishAt|id`). */
export const feedQuery = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const feedItem = z.object({
  id: z.uuid(),
  kind: z.enum(postKinds),
  title: z.string(),
  summary: z.string(),
  storeName: z.string().nullable(),
  publishAt: z.string(),
  hasCover: z.boolean(),
  reads: z.number().int(),
  likes: z.number().int(),
  liked: z.boolean(),
});
export type FeedItem = z.infer<typeof feedItem>;
export const feedPage = z.object({ items: z.array(feedItem), next: z.string().nullable() });
export type FeedPage = z.infer<typeof feedPage>;
export const feedPost = feedItem.extend({ body: z.string() });
export type FeedPost = z.infer<typeof feedPost>;
export const likeResult = z.object({ liked: z.boolean(), likes: z.number().int() });

// The knowledge base (用车知识).

export const articleKinds = ['article', 'faq'] as const;
export type ArticleKind = (typeof articleKinds)[number];
export const articleCategories = [
  'run_in',
  'maintenance',
  'tyres',
  'warning_lights',
  'seasonal',
  'accident',
  'insurance',
] as const;
export type ArticleCategory = (typeof articleCategories)[number];

export const articleInput = z.strictObject({
  kind: z.enum(articleKinds),
  category: z.enum(articleCategories),
  title: text(80),
  body: text(20_000),
  /** Words owners use that the text may not (同义词): they count for the search like the title. */
  keywords: z.string().trim().max(200).default(''),
  published: z.boolean().default(true),
});
export type ArticleInput = z.input<typeof articleInput>;

export const article = z.object({
  id: z.uuid(),
  kind: z.enum(articleKinds),
  category: z.enum(articleCategories),
  title: z.string(),
  body: z.string(),
  keywords: z.string(),
  published: z.boolean(),
  /** The shipped article it was installed from (staff may edit it; it is not installed again). */
  shippedKey: z.string().nullable(),
  updatedAt: z.string(),
});
export type Article = z.infer<typeof article>;

export const articleQuery = z.object({
  q: z.string().trim().max(200).optional(),
  category: z.enum(articleCategories).optional(),
});
export const articleHit = z.object({
  id: z.uuid(),
  kind: z.enum(articleKinds),
  category: z.enum(articleCategories),
  title: z.string(),
  excerpt: z.string(),
  /** The ranking score (BM25 over the segmented words; 0 when listed without a question). */
  score: z.number(),
});
export type ArticleHit = z.infer<typeof articleHit>;
export const articleHits = z.object({ items: z.array(articleHit) });
