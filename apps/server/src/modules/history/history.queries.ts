import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { repairOrderLines, repairOrders, salesOrders } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

/** The lines of these repair orders, in their order on each; callers group them by repairOrderId. */
export const linesOfOrders = async (db: Tx, tenantId: string, orderIds: string[]) =>
  orderIds.length === 0
    ? []
    : db
        .select()
        .from(repairOrderLines)
        .where(and(eq(repairOrderLines.tenantId, tenantId), inArray(repairOrderLines.repairOrderId, orderIds)))
        .orderBy(asc(repairOrderLines.repairOrderId), asc(repairOrderLines.position));

export const repairOrdersOfCustomer = async (db: Tx, tenantId: string, customerId: string) => {
  const orders = await db
    .select()
    .from(repairOrders)
    .where(and(eq(repairOrders.tenantId, tenantId), eq(repairOrders.customerId, customerId)))
    .orderBy(desc(repairOrders.dateIn))
    .limit(200);
  const lines = await linesOfOrders(
    db,
    tenantId,
    orders.map((o) => o.id),
  );
  return orders.map((o) => ({ ...o, lines: lines.filter((l) => l.repairOrderId === o.id) }));
};

export const repairOrderIdByNumber = async (db: Tx, tenantId: string, number: string) => {
  const [row] = await db
    .select({ id: repairOrders.id })
    .from(repairOrders)
    .where(and(eq(repairOrders.tenantId, tenantId), eq(repairOrders.number, number)));
  return row?.id ?? null;
};

export const insertRepairOrder = async (
  db: Tx,
  order: typeof repairOrders.$inferInsert,
  lines: Omit<typeof repairOrderLines.$inferInsert, 'tenantId' | 'repairOrderId'>[],
) => {
  const [row] = await db.insert(repairOrders).values(order).returning({ id: repairOrders.id });
  if (!row) throw new Error('repair order insert returned nothing');
  await db
    .insert(repairOrderLines)
    .values(lines.map((l) => ({ ...l, tenantId: order.tenantId, repairOrderId: row.id })));
  return row.id;
};

export const salesOrdersOfCustomer = (db: Tx, tenantId: string, customerId: string) =>
  db
    .select()
    .from(salesOrders)
    .where(and(eq(salesOrders.tenantId, tenantId), eq(salesOrders.customerId, customerId)))
    .orderBy(desc(salesOrders.orderDate));

export const insertSalesOrder = async (db: Tx, values: typeof salesOrders.$inferInsert) => {
  const [row] = await db.insert(salesOrders).values(values).returning();
  if (!row) throw new Error('sales order insert returned nothing');
  return row;
};
