import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { careTasks } from '../../platform/db/schema/index.ts';
import { insertMany } from './merge.queries.ts';

/** What a data-fix task carries in `care_tasks.details.kind` (until it is done: completion replaces details). */
export const dataFixKind = 'data_fix';
/** The title of a data-fix task; with no care rule, what recognises one after it is done. */
export const dataFixTitle = '补全客户电话';

/** A customer kept by an import without a usable phone: someone is to find and enter it. */
export type DataFix = {
  customerId: string;
  storeId: string | null;
  /** The phone as the file wrote it ('' when it gave none). */
  phone: string;
  ref: string | null;
  source: string;
  name: string;
};

/**
 * Opens one data-fix task per customer (the store's customer-service role; its manager sees it with the
 * store's tasks), unless the customer already has one, open or done: a re-import adds none. Answers how many it opened.
 */
export const dataFixTasks = async (ctx: Ctx, fixes: DataFix[]) => {
  const unique = [...new Map(fixes.map((f) => [f.customerId, f])).values()];
  if (unique.length === 0) return 0;
  const had = await ctx.db
    .select({ customerId: careTasks.customerId })
    .from(careTasks)
    .where(
      and(
        eq(careTasks.tenantId, ctx.tenantId),
        inArray(
          careTasks.customerId,
          unique.map((f) => f.customerId),
        ),
        isNull(careTasks.ruleKey),
        sql`(${careTasks.title} = ${dataFixTitle} OR ${careTasks.details}->>'kind' = ${dataFixKind})`,
      ),
    );
  const seen = new Set(had.map((h) => h.customerId));
  const now = ctx.clock.now();
  const rows = unique
    .filter((f) => !seen.has(f.customerId))
    .map((f) => ({
      tenantId: ctx.tenantId,
      customerId: f.customerId,
      storeId: f.storeId,
      role: 'cs_specialist',
      title: dataFixTitle,
      script: `${f.name}（${f.source}${f.ref ? ` 客户编号 ${f.ref}` : ''}）导入时${
        f.phone ? `电话“${f.phone}”无法使用` : '没有电话'
      }，客户档案已保留。请核实后在客户档案中补全手机号。`,
      dueAt: now,
      details: { kind: dataFixKind, field: 'phone', value: f.phone, source: f.source, ref: f.ref },
      createdAt: now,
      updatedAt: now,
    }));
  await insertMany(ctx.sql, ctx.tenantId, careTasks, rows);
  return rows.length;
};
