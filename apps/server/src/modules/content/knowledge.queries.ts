import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { col, oneRow, parseRows } from '../../platform/db/rows.ts';
import { kbArticles } from '../../platform/db/schema/index.ts';
import type { SqlExecutor, Tx } from '../../platform/db/types.ts';

/** 用车知识's articles and FAQs (docs/feed.md). */

export const listArticles = (db: Tx, tenantId: string) =>
  db
    .select()
    .from(kbArticles)
    .where(and(eq(kbArticles.tenantId, tenantId), eq(kbArticles.deleted, false)))
    .orderBy(asc(kbArticles.category), asc(kbArticles.title));

export type ArticleRow = Awaited<ReturnType<typeof listArticles>>[number];

export const findArticle = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select()
    .from(kbArticles)
    .where(and(eq(kbArticles.tenantId, tenantId), eq(kbArticles.id, id), eq(kbArticles.deleted, false)));
  return row ?? null;
};

export const insertArticle = async (db: Tx, values: typeof kbArticles.$inferInsert) => {
  const rows = await db.insert(kbArticles).values(values).onConflictDoNothing().returning({ id: kbArticles.id });
  return rows[0]?.id ?? null;
};

export const updateArticle = async (
  db: Tx,
  tenantId: string,
  id: string,
  values: Partial<typeof kbArticles.$inferInsert>,
) => {
  await db
    .update(kbArticles)
    .set(values)
    .where(and(eq(kbArticles.tenantId, tenantId), eq(kbArticles.id, id)));
};

/** The shipped keys the tenant has (deleted ones too: a deleted shipped article is not installed again). */
export const shippedKeysOf = async (sql: SqlExecutor, tenantId: string) =>
  new Set(
    parseRows(
      z.object({ shipped_key: col.text }),
      await sql.executeSql('SELECT shipped_key FROM kb_articles WHERE tenant_id = $1 AND shipped_key IS NOT NULL', [
        tenantId,
      ]),
    ).map((r) => r.shipped_key),
  );

/** What the search index was built from: it is rebuilt when this changes (an edit, a new or hidden article). */
export const publishedVersion = async (sql: SqlExecutor, tenantId: string) => {
  const row = oneRow(
    z.object({ n: col.number, at: col.instantOrNull }),
    await sql.executeSql(
      'SELECT count(*) AS n, max(updated_at) AS at FROM kb_articles WHERE tenant_id = $1 AND published AND NOT deleted',
      [tenantId],
      { name: 'content_kb_version' },
    ),
  );
  return `${row.n}|${row.at?.toISOString() ?? ''}`;
};

export const publishedArticles = async (sql: SqlExecutor, tenantId: string) =>
  parseRows(
    z.object({ id: col.text, kind: col.text, category: col.text, title: col.text, body: col.text, keywords: col.text }),
    await sql.executeSql(
      `SELECT id, kind, category, title, body, keywords FROM kb_articles
        WHERE tenant_id = $1 AND published AND NOT deleted ORDER BY category, title`,
      [tenantId],
    ),
  );
