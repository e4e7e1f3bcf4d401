import type { ImportKind } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { applyCustomerBatch } from './customers.apply.ts';
import { readCustomerRow, type CustomerRecord } from './customers.rows.ts';
import type { Lookups } from './lookups.ts';
import { applyLinesBatch } from './lines.apply.ts';
import { applyOrderBatch } from './orders.apply.ts';
import { readOrderRow, type OrderGroup } from './orders.rows.ts';
import { emptyResult, type BatchResult, type FieldReader } from './rows.ts';
import { applySalesBatch } from './sales.apply.ts';
import { readSaleRow, type SaleRecord } from './sales.rows.ts';
import { runSource } from './source-keys.ts';
import { runStaffNames } from './staff-names.ts';
import { applyVehicleBatch } from './vehicles.apply.ts';
import { readVehicleRow, type VehicleRecord } from './vehicles.rows.ts';

/** What every kind's run is given: the names it may match, the upload's day, the column of a field. */
export type RunEnv = {
  lookups: Lookups;
  /** The dealer's calendar day of the upload, in its zone (the default date of a mileage without one). */
  today: string;
  header: (field: string) => string | null;
  /** The source the upload named (import-sources); null: the tenant's default source. */
  sourceId: string | null;
  /** Staff names no one person has, reported so far in this import (once per name, across its sheets). */
  staffReported: Set<string>;
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
  /**
   * Tables the run grows, analyzed as they grow (JobSteps.analyze); each is journaled for undo (journal.ts).
   */
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
  grownTables: ['customers', 'customer_phones', 'vehicles', 'vehicle_ownerships', 'mileage_readings', 'import_keys'],
  start: (env) => {
    const refused = rejections();
    const [source, staff] = [runSource(env.sourceId), runStaffNames(env.staffReported)];
    // A customer master file (no car column): a customer numbered by the old system is kept without a
    // usable phone (reported, flagged for fixing). A file of one row per car keeps refusing such rows.
    const keepWithoutPhone = env.header('vin') === null;
    let records: CustomerRecord[] = [];
    return {
      read: (reader) => {
        const rec = readCustomerRow(reader, env.lookups, env.today, keepWithoutPhone);
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
              source: await source(ctx),
              staff: await staff(ctx),
            }),
          );
      },
    };
  },
};

/** Rows grouped by order number (they may be anywhere in the file), a group applied once all its rows are read. */
const groupedRun = (env: RunEnv, apply: (ctx: Ctx, groups: OrderGroup[]) => Promise<BatchResult>): KindRun => {
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
      return async (ctx) => withRejected(pre, await apply(ctx, grps));
    },
  };
};

/** 维修工单: one row per order (per-order totals) or per line, grouped by the order number. */
const repairOrdersKind: KindHandler = {
  grownTables: ['repair_orders', 'repair_order_lines', 'import_keys'],
  start: (env) => {
    const [source, staff] = [runSource(env.sourceId), runStaffNames(env.staffReported)];
    return groupedRun(env, async (ctx, groups) =>
      applyOrderBatch(ctx, groups, { header: env.header, source: await source(ctx), staff: await staff(ctx) }),
    );
  },
};

/** 维修工单明细 for orders already imported from the same source, keyed by order number. */
const repairOrderLinesKind: KindHandler = {
  grownTables: ['repair_order_lines'],
  start: (env) => {
    const source = runSource(env.sourceId);
    return groupedRun(env, async (ctx, groups) =>
      applyLinesBatch(ctx, groups, { header: env.header, source: await source(ctx) }),
    );
  },
};

/** One record per row, refused rows reported with the batch they fell in. */
const rowRun = <R>(read: (reader: FieldReader) => R | null, apply: (ctx: Ctx, recs: R[]) => Promise<BatchResult>) => {
  const refused = rejections();
  let records: R[] = [];
  const run: KindRun = {
    read: (reader) => {
      const rec = read(reader);
      if (rec) records.push(rec);
      if (reader.errors.length > 0) refused.reject(reader);
    },
    held: () => records.length + refused.held(),
    take: () => {
      const [recs, pre] = [records, refused.take()];
      records = [];
      return async (ctx) => withRejected(pre, await apply(ctx, recs));
    },
  };
  return run;
};

/** 车辆档案: one row per car, its owner named by the old system's customer number. */
const vehiclesKind: KindHandler = {
  grownTables: ['vehicles', 'vehicle_ownerships', 'mileage_readings', 'import_keys'],
  start: (env) => {
    const source = runSource(env.sourceId);
    return rowRun<VehicleRecord>(
      (reader) => readVehicleRow(reader, env.lookups, env.today),
      async (ctx, recs) =>
        applyVehicleBatch(ctx, recs, { today: env.today, header: env.header, source: await source(ctx) }),
    );
  },
};

/** 销售交车: new-car sales and deliveries. */
const salesKind: KindHandler = {
  grownTables: ['sales_orders', 'import_keys'],
  start: (env) => {
    const [source, staff] = [runSource(env.sourceId), runStaffNames(env.staffReported)];
    return rowRun<SaleRecord>(
      (reader) => readSaleRow(reader, env.lookups),
      async (ctx, recs) =>
        applySalesBatch(ctx, recs, { header: env.header, source: await source(ctx), staff: await staff(ctx) }),
    );
  },
};

export const kindHandlers: Record<ImportKind, KindHandler> = {
  customers: customersKind,
  vehicles: vehiclesKind,
  sales: salesKind,
  repair_orders: repairOrdersKind,
  repair_order_lines: repairOrderLinesKind,
};
