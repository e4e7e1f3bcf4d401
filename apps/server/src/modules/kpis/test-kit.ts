// Fixtures of the KPI tests: textbook populations written as set-based SQL (the owner's connection, as the
// DMS import would leave them), and the snapshot taken as the night would.
import { createTestTenant, testApp, testClock, type TestTenant } from '../../../test/harness.ts';
import { addMonths, dayIn } from '../../platform/time/zone.ts';
import { takeSnapshot } from './snapshot.service.ts';

export const zone = 'Asia/Shanghai';
export const today = () => dayIn(testClock.now(), zone);
/** The first day of the month `n` months from today's (negative: before). */
export const monthStart = (n: number) => addMonths(`${today().slice(0, 7)}-01`, n);
/** Noon on the 15th of that month, as a timestamptz literal of the tenant's zone. */
export const mid = (n: number) => `${monthStart(n).slice(0, 8)}15 12:00:00+08`;

export type World = TestTenant & { advisorId: string };

/** A tenant with `n` customers (home store S1, one advisor), each with one car; customer k is "C<k>". */
export const population = async (n: number, carAge: (k: number) => string = () => `${today().slice(0, 4)}-01-01`) => {
  const { db } = await testApp();
  const t = await createTestTenant(['group_admin', 'service_advisor', 'store_manager']);
  const advisorId = t.staffIds.service_advisor!;
  const run = db.owner.executeSql;
  await run(
    `INSERT INTO customers (tenant_id, id, name, source, home_store_id, service_advisor_id)
     SELECT $1::uuid, md5($1::text || 'c' || k)::uuid, 'C' || k, 'import', $2, $3 FROM generate_series(1, $4) AS k`,
    [t.id, t.storeId, advisorId, n],
  );
  const ages = Array.from({ length: n }, (_, i) => carAge(i + 1));
  await run(
    `INSERT INTO vehicles (tenant_id, id, vin, plate, owner_id, purchase_date)
     SELECT $1::uuid, md5($1::text || 'v' || k)::uuid, 'KPIVIN' || lpad(k::text, 11, '0'), '沪K' || lpad(k::text, 5, '0'),
            md5($1::text || 'c' || k)::uuid, ($3::text[])[k]::date
       FROM generate_series(1, $2) AS k`,
    [t.id, n, ages],
  );
  return { ...t, advisorId } satisfies World;
};

/**
 * Repair orders for customers `from`..`to` (and their cars), one each per call: the type, the moment
 * (a timestamptz literal), the total and the parts cost in fen; `tag` keeps the numbers unique.
 */
export const orders = async (
  w: World,
  o: { from: number; to: number; type: string; at: string; totalFen?: number; costFen?: number; tag: string },
) => {
  const { db } = await testApp();
  await db.owner.executeSql(
    `INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, store_id, advisor_id, type, date_in,
                                total_fen, parts_cost_fen)
     SELECT $1::uuid, $2 || '-' || k, md5($1::text || 'v' || k)::uuid, md5($1::text || 'c' || k)::uuid, $3, $4, $5, $6::timestamptz,
            $7, $8
       FROM generate_series($9::int, $10::int) AS k`,
    [w.id, o.tag, w.storeId, w.advisorId, o.type, o.at, o.totalFen ?? 0, o.costFen ?? 0, o.from, o.to],
  );
};

/** Cars `from`..`to` sold by the dealer, delivered on `day`. */
export const sales = async (w: World, from: number, to: number, day: string) => {
  const { db } = await testApp();
  await db.owner.executeSql(
    `INSERT INTO sales_orders (tenant_id, customer_id, vehicle_id, store_id, order_date, delivery_date, price_fen)
     SELECT $1::uuid, md5($1::text || 'c' || k)::uuid, md5($1::text || 'v' || k)::uuid, $2, $3::date, $3::date, 15000000
       FROM generate_series($4::int, $5::int) AS k`,
    [w.id, w.storeId, day, from, to],
  );
};

/** Loyalty grades for customers `from`..`to` (the classification's row, as the night writes it). */
export const grades = async (w: World, from: number, to: number, loyalty: string) => {
  const { db } = await testApp();
  await db.owner.executeSql(
    `INSERT INTO customer_segments (tenant_id, customer_id, frequency, rfm, loyalty, value_quadrant, visits_12m,
                                    spend_12m_fen, computed_on)
     SELECT $1::uuid, md5($1::text || 'c' || k)::uuid, 'active', 'B', $2, 'uncertain', 1, 0, $3::date
       FROM generate_series($4::int, $5::int) AS k`,
    [w.id, loyalty, today(), from, to],
  );
};

export const snapshotNow = async (w: World) => {
  const { db } = await testApp();
  return takeSnapshot({ tenantId: w.id, sql: db.owner }, today(), zone);
};
