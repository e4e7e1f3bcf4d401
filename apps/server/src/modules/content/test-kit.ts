/** Helpers of the content tests and the cross-tenant suite. */
import { testApp, type TestTenant } from '../../../test/harness.ts';
import { feedPosts, kbArticles } from '../../platform/db/schema/index.ts';
import { asJob } from '../booking/test-kit.ts';
import { installShippedArticles } from './knowledge.service.ts';

export type ContentRows = { postId: string; articleId: string };

/** A live post for every owner of the tenant and a published article, written as the platform would. */
export const contentRowsFor = async (t: TestTenant): Promise<ContentRows> => {
  const { db } = await testApp();
  return db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
    const now = new Date();
    const [post] = await tx
      .insert(feedPosts)
      .values({
        tenantId: t.id,
        kind: 'news',
        title: '春季保养节',
        body: '到店保养享工时八折',
        publishAt: new Date(now.getTime() - 86_400_000),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: feedPosts.id });
    const [article] = await tx
      .insert(kbArticles)
      .values({
        tenantId: t.id,
        kind: 'faq',
        category: 'tyres',
        title: '胎压多少合适',
        body: '看车门边的标签',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: kbArticles.id });
    if (!post || !article) throw new Error('content insert returned nothing');
    return { postId: post.id, articleId: article.id };
  });
};

/** The shipped articles in a test tenant (made by direct inserts, not provisioning). */
export const installKnowledgeFor = (tenantId: string) => asJob(tenantId, (ctx) => installShippedArticles(ctx));

const sql = async (text: string, values: unknown[] = []) => {
  const { db } = await testApp();
  return (await db.owner.executeSql(text, values)).rows;
};

/**
 * An owner-app account for a phone, bound (confirmed) to a new car of a new customer of the tenant, in `storeId`,
 * of loyalty tier `tier` (null: no member row) and RFM class `rfm` (null: not classified yet). Returns the ids.
 */
export const ownerWith = async (
  t: TestTenant,
  o: { phone: string; vin: string; storeId: string; tier: string | null; rfm: string | null },
) => {
  const [customer] = await sql(
    `INSERT INTO customers (tenant_id, name, source, home_store_id, created_at, updated_at)
     VALUES ($1, '车主' || $2, 'walk_in', $3, now(), now()) RETURNING id`,
    [t.id, o.phone, o.storeId],
  );
  const customerId = String(customer?.id);
  const [vehicle] = await sql(
    `INSERT INTO vehicles (tenant_id, vin, owner_id, created_at, updated_at) VALUES ($1, $2, $3, now(), now()) RETURNING id`,
    [t.id, o.vin, customerId],
  );
  const [owner] = await sql(`INSERT INTO owners (tenant_id, phone) VALUES ($1, $2) RETURNING id`, [t.id, o.phone]);
  await sql(
    `INSERT INTO vehicle_bindings (tenant_id, owner_id, vehicle_id, status, decided_at) VALUES ($1, $2, $3, 'confirmed', now())`,
    [t.id, owner?.id, vehicle?.id],
  );
  if (o.tier)
    await sql(`INSERT INTO loyalty_members (tenant_id, customer_id, tier) VALUES ($1, $2, $3)`, [
      t.id,
      customerId,
      o.tier,
    ]);
  if (o.rfm)
    await sql(
      `INSERT INTO customer_segments (tenant_id, customer_id, frequency, rfm, loyalty, value_quadrant, visits_12m,
         spend_12m_fen, computed_on)
       VALUES ($1, $2, 'active', $3, 'loyal', 'best', 3, 100000, current_date)`,
      [t.id, customerId, o.rfm],
    );
  return { customerId, ownerId: String(owner?.id) };
};
