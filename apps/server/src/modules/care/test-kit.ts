import { addDays } from '../../platform/time/zone.ts';
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../platform/context.ts';
import type { TestTenant } from '../../../test/harness.ts';
import { inTenant, sqlIn } from '../contact/test-kit.ts';
import { stageDay } from './sweep.ts';
import { endRun } from '../contact/gate.ts';

export type Person = { name?: string; gender?: 'male' | 'female' | null; birthday?: string | null; phone?: string };

let phoneSeq = 0;
/** A customer of the tenant (home store: the tenant's first), with a primary phone. */
export const addCustomer = async (t: TestTenant, p: Person = {}): Promise<string> => {
  const phone =
    p.phone ?? `139${String(Date.now() % 1e4).padStart(4, '0')}${String(++phoneSeq % 1e4).padStart(4, '0')}`;
  const [row] = await sqlIn(
    t.id,
    `INSERT INTO customers (tenant_id, name, gender, birthday, source, home_store_id)
     VALUES ($1, $2, $3, $4, 'walk_in', $5) RETURNING id`,
    [t.id, p.name ?? '张伟', p.gender === undefined ? 'male' : p.gender, p.birthday ?? null, t.storeId],
  );
  const id = String(row?.id);
  await sqlIn(
    t.id,
    `INSERT INTO customer_phones (tenant_id, customer_id, phone, is_primary) VALUES ($1, $2, $3, true)`,
    [t.id, id, phone],
  );
  return id;
};

export type Car = Partial<{
  plate: string;
  purchaseDate: string;
  insuranceExpiry: string;
  inspectionDue: string;
  warrantyYears: number;
  seriesId: string;
}>;

/** A car owned by the customer. */
export const addVehicle = async (t: TestTenant, customerId: string, car: Car = {}): Promise<string> => {
  const vin = `LT${randomBytes(8).toString('hex').toUpperCase()}`.slice(0, 17);
  const [row] = await sqlIn(
    t.id,
    `INSERT INTO vehicles (tenant_id, vin, plate, purchase_date, insurance_expiry, inspection_due, warranty_years,
       series_id, owner_id, selling_store_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      t.id,
      vin,
      car.plate ?? '沪A12345',
      car.purchaseDate ?? null,
      car.insuranceExpiry ?? null,
      car.inspectionDue ?? null,
      car.warrantyYears ?? null,
      car.seriesId ?? null,
      customerId,
      t.storeId,
    ],
  );
  return String(row?.id);
};

export type Staged = {
  customer_id: string;
  vehicle_id: string | null;
  rule_key: string;
  dedupe_key: string;
  due_at: Date;
  subject: string | null;
  body: string;
  task_title: string | null;
  task_role: string | null;
  assignee_id: string | null;
  channel: string;
};

/** Stages the local day's candidates (nothing is written: the run's staged rows are deleted after reading). */
export const staged = (tenantId: string, day: string): Promise<Staged[]> =>
  inTenant(tenantId, async (ctx: Ctx) => {
    await stageDay(ctx, day);
    const { rows } = await ctx.sql.executeSql('SELECT * FROM touch_candidates ORDER BY rule_key, dedupe_key');
    await endRun(ctx);
    return rows as Staged[];
  });

export const shiftDay = addDays;
