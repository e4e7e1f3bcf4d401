import {
  articleCategories,
  articleInput,
  articleKinds,
  type Article,
  type ArticleCategory,
  type ArticleHit,
  type ArticleInput,
  type ArticleKind,
} from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { shippedArticles } from './knowledge.shipped.ts';
import * as q from './knowledge.queries.ts';
import { buildIndex, coverage, search, type SearchIndex } from './search.ts';

/** 用车知识 (docs/feed.md): the staff's editing, the owner's reading, and the search an assistant will call. */

const toArticle = (a: q.ArticleRow): Article => ({
  id: a.id,
  kind: a.kind,
  category: a.category,
  title: a.title,
  body: a.body,
  keywords: a.keywords,
  published: a.published,
  shippedKey: a.shippedKey,
  updatedAt: a.updatedAt.toISOString(),
});

export const listArticles = async (ctx: StaffCtx): Promise<Article[]> => {
  authorize(ctx.actor, 'content.manage');
  return (await q.listArticles(ctx.db, ctx.tenantId)).map(toArticle);
};

export const createArticle = async (ctx: StaffCtx, input: ArticleInput): Promise<Article> => {
  authorize(ctx.actor, 'content.manage');
  const data = articleInput.parse(input);
  const now = ctx.clock.now();
  const id = await q.insertArticle(ctx.db, {
    tenantId: ctx.tenantId,
    ...data,
    updatedBy: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
  });
  if (!id) throw new Error('article insert returned nothing');
  await audit(ctx, {
    action: 'content.article_created',
    target: { type: 'article', id },
    details: { title: data.title },
  });
  return loadArticle(ctx, id);
};

const loadArticle = async (ctx: Ctx, id: string): Promise<Article> => {
  const row = await q.findArticle(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return toArticle(row);
};

export const updateArticle = async (ctx: StaffCtx, id: string, input: ArticleInput): Promise<Article> => {
  authorize(ctx.actor, 'content.manage');
  await loadArticle(ctx, id);
  const data = articleInput.parse(input);
  await q.updateArticle(ctx.db, ctx.tenantId, id, { ...data, updatedBy: ctx.actor.id, updatedAt: ctx.clock.now() });
  await audit(ctx, {
    action: 'content.article_updated',
    target: { type: 'article', id },
    details: { title: data.title },
  });
  return loadArticle(ctx, id);
};

/** Hidden for good (kept as a row, so a shipped article is not installed again by the night). */
export const deleteArticle = async (ctx: StaffCtx, id: string) => {
  authorize(ctx.actor, 'content.manage');
  const article = await loadArticle(ctx, id);
  await q.updateArticle(ctx.db, ctx.tenantId, id, { deleted: true, published: false, updatedAt: ctx.clock.now() });
  await audit(ctx, {
    action: 'content.article_deleted',
    target: { type: 'article', id },
    details: { title: article.title },
  });
  return { ok: true as const };
};

/** The shipped articles a tenant lacks: at provisioning and every night. Idempotent (keyed by shipped_key). */
export const installShippedArticles = async (ctx: Ctx): Promise<number> => {
  const have = await q.shippedKeysOf(ctx.sql, ctx.tenantId);
  const now = ctx.clock.now();
  let installed = 0;
  for (const a of shippedArticles) {
    if (have.has(a.key)) continue;
    const { key, ...rest } = a;
    const id = await q.insertArticle(ctx.db, {
      tenantId: ctx.tenantId,
      ...rest,
      shippedKey: key,
      createdAt: now,
      updatedAt: now,
    });
    if (id) installed++;
  }
  return installed;
};

type Indexed = {
  version: string;
  index: SearchIndex;
  docs: Map<string, { kind: ArticleKind; category: ArticleCategory; title: string; body: string }>;
};
/** One index per tenant in this process, rebuilt when the published articles changed (any process's edit). */
const indexes = new Map<string, Indexed>();
const maxTenantsIndexed = 200;

const indexOf = async (ctx: Ctx): Promise<Indexed> => {
  const version = await q.publishedVersion(ctx.sql, ctx.tenantId);
  const held = indexes.get(ctx.tenantId);
  if (held?.version === version) return held;
  const rows = await q.publishedArticles(ctx.sql, ctx.tenantId);
  const docs = new Map(
    rows.flatMap((r) => {
      const kind = articleKinds.find((k) => k === r.kind);
      const category = articleCategories.find((c) => c === r.category);
      return kind && category ? [[r.id, { kind, category, title: r.title, body: r.body }] as const] : [];
    }),
  );
  const built: Indexed = { version, index: buildIndex(rows), docs };
  if (indexes.size >= maxTenantsIndexed) indexes.clear();
  indexes.set(ctx.tenantId, built);
  return built;
};

const excerptOf = (body: string) => {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
};

/**
 * The published articles that answer a question, best first, each with its score (BM25 over the segmented
 * words, search.ts) — what the owner's 用车知识 search shows, and what an assistant will call with a question.
 * Without a question: every published article (of a category), score 0.
 */
export const searchKnowledge = async (
  ctx: Ctx,
  o: { q?: string | undefined; category?: ArticleCategory | undefined; limit?: number },
): Promise<ArticleHit[]> => {
  const { index, docs } = await indexOf(ctx);
  const limit = o.limit ?? 20;
  const hits = o.q ? search(index, o.q, docs.size) : [...docs.keys()].map((id) => ({ id, score: 0 }));
  // The page first, then its excerpts: a common word can match most of a thousand articles.
  return hits
    .flatMap((h) => {
      const d = docs.get(h.id);
      return d && (!o.category || d.category === o.category) ? [{ h, d }] : [];
    })
    .slice(0, o.q ? limit : docs.size)
    .map(({ h, d }) => ({
      id: h.id,
      kind: d.kind,
      category: d.category,
      title: d.title,
      excerpt: excerptOf(d.body),
      score: h.score,
    }));
};

/** One published article for the owner app. */
export const publishedArticle = async (ctx: Ctx, id: string): Promise<Article> => {
  const row = await q.findArticle(ctx.db, ctx.tenantId, id);
  if (!row?.published) throw new AppError('NOT_FOUND');
  return toArticle(row);
};

/**
 * The one article that best answers a question, with its BM25 score and the share of the question's words it
 * holds (search.ts `coverage`): what the chat assistant weighs before answering (docs/chat.md).
 */
export const bestArticle = async (ctx: Ctx, question: string) => {
  const { index, docs } = await indexOf(ctx);
  const [hit] = search(index, question, 1);
  const d = hit ? docs.get(hit.id) : undefined;
  if (!hit || !d) return null;
  return {
    id: hit.id,
    title: d.title,
    excerpt: excerptOf(d.body),
    body: d.body,
    score: hit.score,
    coverage: coverage(index, hit.id, question),
  };
};
