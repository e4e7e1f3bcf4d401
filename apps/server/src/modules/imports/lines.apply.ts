import type { Ctx } from '../../platform/context.ts';
import { repairOrderLines } from '../../platform/db/schema/index.ts';
import { totalsOf, withLines } from '../history/history.service.ts';
import * as m from './merge.queries.ts';
import { refuseOrder, type OrderGroup, type OrderLine } from './orders.rows.ts';
import { bump, emptyResult, type BatchResult, type Issue } from './rows.ts';
import { keyedIds, keysOf } from './source-keys.ts';

type Header = (field: string) => string | null;

const linesKey = (
  lines: Pick<OrderLine, 'kind' | 'description' | 'quantity' | 'labourHours' | 'amountFen' | 'costFen'>[],
) =>
  JSON.stringify(
    lines.map((l) => [
      l.kind,
      l.description,
      Number(l.quantity),
      l.labourHours === null ? null : Number(l.labourHours),
      l.amountFen,
      l.costFen,
    ]),
  );

/**
 * A lines file (维修工单明细 keyed by order number) adds its lines to orders already imported from the
 * same source. An order without lines gains them (its totals kept as the order file gave them; all zero:
 * computed from the lines); an order with the same lines is left alone; one with other lines is reported
 * and never changed. An order with any bad line gains none.
 */
export const applyLinesBatch = async (
  ctx: Ctx,
  groups: OrderGroup[],
  env: { header: Header; source: { id: string } },
): Promise<BatchResult> => {
  const { db, tenantId } = ctx;
  const { header } = env;
  const result = emptyResult();
  const { counts, issues } = result;
  const numbers = groups.map((g) => g.number);
  const keyed = await keysOf(db, tenantId, env.source.id, 'repair_order', numbers);
  const rows = [
    ...(await m.ordersWithIds(db, tenantId, [...new Set(keyed.values())])),
    ...(await m.ordersWithNumbers(db, tenantId, numbers)),
  ].filter((o, i, all) => all.findIndex((x) => x.id === o.id) === i);
  const orders = await withLines(db, tenantId, rows, (o) => o.id);
  const claimed = await keyedIds(
    db,
    tenantId,
    'repair_order',
    orders.map((o) => o.id),
  );
  const byId = new Map(orders.map((o) => [o.id, o]));
  const byNumber = new Map(orders.map((o) => [o.number, o]));

  const lines: (typeof repairOrderLines.$inferInsert)[] = [];
  const totals: { id: string; labour_fen: number; parts_fen: number; total_fen: number; parts_cost_fen: number }[] = [];
  for (const group of groups) {
    result.rows += group.rows.length;
    const first = group.rows[0]?.rowNo ?? 0;
    const keyedId = keyed.get(group.number);
    const plain = byNumber.get(group.number);
    const order = (keyedId ? byId.get(keyedId) : undefined) ?? (plain && !claimed.has(plain.id) ? plain : undefined);
    const groupLines = group.rows.flatMap((r) => (r.line ? [r.line] : []));
    const errors: Issue[] = group.rows.flatMap((r) => r.errors);
    if (errors.length === 0 && !order)
      errors.push({
        rowNo: first,
        column: header('orderNumber'),
        value: group.number,
        key: 'import_lines_order_unknown',
      });
    if (errors.length === 0 && order && order.lines.length > 0 && linesKey(order.lines) !== linesKey(groupLines))
      errors.push({
        rowNo: first,
        column: header('orderNumber'),
        value: group.number,
        key: 'import_lines_exist_different',
      });
    if (errors.length > 0 || !order) {
      refuseOrder(result, group, errors, header);
      continue;
    }
    for (const w of group.rows.flatMap((r) => r.warnings)) issues.push(w);
    bump(
      counts,
      'warnings',
      group.rows.reduce((n, r) => n + r.warnings.length, 0),
    );
    if (order.lines.length > 0) {
      bump(counts, 'ordersUnchanged');
      continue;
    }
    groupLines.forEach(({ rowNo: _row, work, ...line }, position) =>
      lines.push({ ...line, ...(work ? { work } : {}), tenantId, repairOrderId: order.id, position }),
    );
    const given = order.labourFen !== 0 || order.partsFen !== 0 || order.totalFen !== 0 || order.partsCostFen !== 0;
    if (!given) {
      const t = totalsOf(groupLines);
      totals.push({
        id: order.id,
        labour_fen: t.labourFen,
        parts_fen: t.partsFen,
        total_fen: t.totalFen,
        parts_cost_fen: t.partsCostFen,
      });
    }
    bump(counts, 'ordersMerged');
    bump(counts, 'linesCreated', groupLines.length);
  }
  await m.insertMany(ctx.sql, ctx.tenantId, repairOrderLines, lines);
  if (totals.length > 0)
    await ctx.sql.executeSql(
      `UPDATE repair_orders o
          SET labour_fen = x.labour_fen, parts_fen = x.parts_fen, total_fen = x.total_fen, parts_cost_fen = x.parts_cost_fen
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, labour_fen bigint, parts_fen bigint, total_fen bigint, parts_cost_fen bigint)
        WHERE o.tenant_id = $1 AND o.id = x.id`,
      [tenantId, JSON.stringify(totals)],
    );
  return result;
};
