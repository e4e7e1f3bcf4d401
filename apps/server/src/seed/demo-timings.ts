import { vinCheckDigit } from '@m4s/contracts';
import { z } from 'zod';
import { col, parseRows } from '../platform/db/rows.ts';
import type { Database } from '../platform/db/types.ts';
import { tenantToday, tenantZone } from '../platform/time/tenant-zone.ts';
import { addDays, addMonths, instantOf } from '../platform/time/zone.ts';

/**
 * Cars that show the seeds' timings on the demo's first night (docs/care.md), each bought by a customer of
 * the generated group as a second car: two hand-overs today (the 2-hour care call, one at a recorded time,
 * one with the date only), one 3 days ago (the 3-day call), a car 5 years old today and one 6 years old
 * (trade-in, and its yearly repeat), one whose odometer forecast crosses 150,000 km today, one entering its
 * second year never serviced (churn prevention). And two customers who had two reminders this week: today's
 * is held for the next free window, or expired when that comes too late (a capped touch waits, issue 11 point 6).
 */
export const seedDemoTimings = async (db: Database, input: { tenantId: string; now: Date }): Promise<void> => {
  await db.transaction({ tenantId: input.tenantId }, async (tx) => {
    const ctx = { tenantId: input.tenantId, db: tx.db, sql: tx.sql, clock: { now: () => input.now } };
    const zone = await tenantZone(ctx);
    const today = await tenantToday(ctx);
    const run = (text: string, values: unknown[]) => tx.sql.executeSql(text, values);
    const picks = parseRows(
      z.object({ id: col.text, store: col.text, model: col.text }),
      await run(
        `SELECT c.id, c.home_store_id AS store, v.model_id AS model FROM customers c
           JOIN vehicles v ON v.tenant_id = c.tenant_id AND v.owner_id = c.id AND v.model_id IS NOT NULL
          WHERE c.tenant_id = $1 AND NOT c.seasonal AND c.home_store_id IS NOT NULL
            AND EXISTS (SELECT 1 FROM customer_phones p WHERE p.tenant_id = c.tenant_id AND p.customer_id = c.id)
          ORDER BY c.id LIMIT 7`,
        [input.tenantId],
      ),
      'demo timings picks',
    );
    const local = (day: string, time: `${string}:${string}`) => instantOf(day, time, zone);
    const early = new Date(Math.min(input.now.getTime() - 3600_000, local(today, '09:30').getTime()));
    const cars: { purchase: string; deliveredAt: Date | null; sale: boolean; km?: [number, number][] }[] = [
      { purchase: today, deliveredAt: early, sale: true },
      { purchase: today, deliveredAt: null, sale: true },
      { purchase: addDays(today, -3), deliveredAt: local(addDays(today, -3), '15:00'), sale: true },
      { purchase: addMonths(today, -60), deliveredAt: null, sale: true },
      { purchase: addMonths(today, -72), deliveredAt: null, sale: false },
      // About 100 km a day, 149,050 km ten days ago: the forecast passes 150,000 today.
      {
        purchase: addMonths(today, -40),
        deliveredAt: null,
        sale: false,
        km: [
          [-100, 140_000],
          [-10, 149_050],
        ],
      },
      { purchase: addMonths(today, -12), deliveredAt: null, sale: true },
    ];
    for (const [i, car] of cars.entries()) {
      const who = picks[i];
      if (!who) break;
      const body = `LDM4STXM0${i}${today.replace(/-/g, '').slice(2)}`.padEnd(17, '0');
      const vin = `${body.slice(0, 8)}${vinCheckDigit(body)}${body.slice(9)}`;
      const [v] = parseRows(
        z.object({ id: col.text }),
        await run(
          `INSERT INTO vehicles (tenant_id, vin, plate, brand_id, series_id, model_id, purchase_date, selling_store_id,
             owner_id, created_at, updated_at)
           SELECT $1, $2, $3, se.brand_id, mo.series_id, mo.id, $4, $5, $6, $7, $7
             FROM car_models mo JOIN car_series se ON se.id = mo.series_id WHERE mo.id = $8
           RETURNING id`,
          [input.tenantId, vin, `沪T${String(80000 + i)}`, car.purchase, who.store, who.id, input.now, who.model],
        ),
        'demo timings car',
      );
      if (!v) continue;
      await run(
        `INSERT INTO vehicle_ownerships (tenant_id, vehicle_id, customer_id, from_date) VALUES ($1, $2, $3, $4)`,
        [input.tenantId, v.id, who.id, car.purchase],
      );
      if (car.sale)
        await run(
          `INSERT INTO sales_orders (tenant_id, customer_id, vehicle_id, store_id, order_date, delivery_date, delivered_at,
             price_fen, external_ref) VALUES ($1, $2, $3, $4, $5, $6, $7, 16800000, $8)`,
          [
            input.tenantId,
            who.id,
            v.id,
            who.store,
            addDays(car.purchase, -10),
            car.purchase,
            car.deliveredAt,
            `DEMO-T-${i}`,
          ],
        );
      for (const [days, km] of car.km ?? [])
        await run(
          `INSERT INTO mileage_readings (tenant_id, vehicle_id, read_at, km, source) VALUES ($1, $2, $3, $4, 'staff')`,
          [input.tenantId, v.id, local(addDays(today, days), '10:00'), km],
        );
    }
    // Two care SMS this week for two more customers (the weekly cap is 2): the one whose insurance expires in
    // 30 days gets today's reminder held until the week frees up; the one whose birthday is today gets the
    // greeting expired (by the time the week frees up, the birthday is past).
    const busy = parseRows(
      z.object({ id: col.text }),
      await run(
        `(SELECT v.owner_id AS id FROM vehicles v JOIN customers c ON c.tenant_id = v.tenant_id AND c.id = v.owner_id
           WHERE v.tenant_id = $1 AND v.insurance_expiry = $2::date + 30 AND NOT c.seasonal ORDER BY v.id LIMIT 1)
         UNION ALL
         (SELECT c.id FROM customers c WHERE c.tenant_id = $1 AND NOT c.seasonal
             AND to_char(c.birthday, 'MM-DD') = to_char($2::date, 'MM-DD') ORDER BY c.id LIMIT 1)`,
        [input.tenantId, today],
      ),
      'demo timings busy customers',
    );
    for (const who of busy)
      for (const [days, topic] of [
        [-2, 'inspection'],
        [-1, 'warranty'],
      ] as const)
        await run(
          `INSERT INTO touches (tenant_id, customer_id, source, topic, kind, channel, decision, due_at, send_at, dedupe_key,
             created_at) VALUES ($1, $2, 'staff', $3, 'care', 'sms', 'sent', $4, $4, $5, $4)`,
          [input.tenantId, who.id, topic, local(addDays(today, days), '10:00'), `demo:${topic}:${who.id}`],
        );
  });
};
