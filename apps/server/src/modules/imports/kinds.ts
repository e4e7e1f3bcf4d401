import type { ImportKind } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { applyCustomerBatch } from './customers.apply.ts';
import { readCustomerRow, type CustomerRecord } from './customers.rows.ts';
import type { Lookups } from './lookups.ts';
import { applyOrderBatch } from './orders.apply.ts';
import { readOrderRow, type OrderGroup } from './orders.rows.ts';
import { emptyResult, type BatchResult, type FieldReader } from './rows.ts';

/** What every kind's run is given: the names it may match, the upload's day, the column of a field. */
export type RunEnv = {
  lookups: Lookups;
  /** The dealer's calendar day of the upload, in its zone (the default date of a mileage without one). */
  today: string;
  header: (field: string) => string | null;
};

/**
 * One run of one kind, fed rows by the run (run.job.ts). `read` takes a row into the batch being
 * assembled (or rejects it there); `take` hands that batch over as the work to do in one transaction.
 */
export type KindRun = {
  /** A first pass over every row before the first `read` (e.g. where each order's last row is). */
  scan?: (reader: FieldReader) => void;
  read: (reader: FieldReader) => void;
  /** Rows held in the batch being assembled. */
  held: () => number;
  /** The batch so far, to apply in one transaction; `final`: everything still open goes too. */
  take: (final: boolean) => (ctx: Ctx) => Promise<BatchResult>;
};

export type KindHandler = {
  /** Tables the run grows, analyzed as they grow (JobSteps.analyze). */
  grownTables: readonly string[];
  start: (env: RunEnv) => KindRun;
};

/** Rows refused before the apply (a malformed value): counted and reported with the batch they fell in. */
const rejections = () => {
  let result = emptyResult();
  return {
    reject: (reader: FieldReader) => {
      result.rows += 1;
      result.failed += 1;
      result.issues.push(...reader.errors);
    },
    held: () => result.rows,
    take: () => {
      const taken = result;
      result = emptyResult();
      return taken;
    },
  };
};

const withRejected = (pre: BatchResult, res: BatchResult): BatchResult => ({
  rows: pre.rows + res.rows,
  failed: pre.failed + res.failed,
  counts: res.counts,
  issues: [...pre.issues, ...res.issues].sort((a, b) => a.rowNo - b.rowNo),
  ...(res.unlisted ? { unlisted: res.unlisted } : {}),
});

/** 客户车辆档案: one row per car with its owner. */
const customersKind: KindHandler = {
  grownTables: ['customers', 'customer_phones', 'vehicles', 'vehicle_ownerships', 'mileage_readings'],
  start: (env) => {
    const refused = rejections();
    let records: CustomerRecord[] = [];
    return {
      read: (reader) => {
        const rec = readCustomerRow(reader, env.lookups, env.today);
        if (rec) records.push(rec);
        if (reader.errors.length > 0) refused.reject(reader);
      },
      held: () => records.length + refused.held(),
      take: () => {
        const [recs, pre] = [records, refused.take()];
        records = [];
        return async (ctx) =>
          withRejected(
            pre,
            await applyCustomerBatch(ctx, recs, {
              homeStoreId: env.lookups.importerStoreId,
              today: env.today,
              header: env.header,
            }),
          );
      },
    };
  },
};

/** 维修工单明细: one row per repair-order line, an order applied once all its rows are read. */
const repairOrdersKind: KindHandler = {
  grownTables: ['repair_orders', 'repair_order_lines', 'mileage_readings'],
  start: (env) => {
    const refused = rejections();
    const lastRowOf = new Map<string, number>();
    const open = new Map<string, OrderGroup>();
    let groups: OrderGroup[] = [];
    let groupRows = 0;
    return {
      scan: (reader) => {
        const number = reader.text('orderNumber');
        if (number) lastRowOf.set(number, reader.rowNo);
      },
      read: (reader) => {
        const read = readOrderRow(reader, env.lookups);
        const number = reader.text('orderNumber');
        if (!number) {
          if (reader.errors.length > 0) refused.reject(reader);
          return;
        }
        const group = open.get(number) ?? { number, rows: [] };
        group.rows.push(read);
        open.set(number, group);
        if (lastRowOf.get(number) === reader.rowNo) {
          open.delete(number);
          groups.push(group);
          groupRows += group.rows.length;
        }
      },
      held: () => groupRows + refused.held(),
      take: (final) => {
        // Orders whose last row was not where the first pass saw it (the file cannot change: defensive).
        if (final) {
          groups.push(...open.values());
          open.clear();
        }
        const [grps, pre] = [groups, refused.take()];
        [groups, groupRows] = [[], 0];
        return async (ctx) => withRejected(pre, await applyOrderBatch(ctx, grps, env.header));
      },
    };
  },
};

export const kindHandlers: Record<ImportKind, KindHandler> = {
  customers: customersKind,
  repair_orders: repairOrdersKind,
};
