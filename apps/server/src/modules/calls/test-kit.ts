import type { TestTenant } from '../../../test/harness.ts';
import { sqlIn } from '../contact/test-kit.ts';

/** A follow-up call (a care task) for a customer of the tenant, written as the contact gate writes one. */
export const addCall = async (
  t: TestTenant,
  o: {
    dueAt: Date;
    role?: string;
    assigneeId?: string | null;
    customerId?: string;
    storeId?: string;
    ruleKey?: string;
    firstDueAt?: Date | null;
  },
): Promise<string> => {
  const [row] = await sqlIn(
    t.id,
    `INSERT INTO care_tasks (tenant_id, customer_id, vehicle_id, store_id, rule_key, role, assignee_id, title, script,
       due_at, first_due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '新车7日回访', '王先生您好，我是一号店的客服专员。', $8, $9) RETURNING id`,
    [
      t.id,
      o.customerId ?? t.customerId,
      o.customerId ? null : t.vehicleId,
      o.storeId ?? t.storeId,
      o.ruleKey ?? 'follow_up_7d',
      o.role ?? 'cs_specialist',
      o.assigneeId ?? null,
      o.dueAt,
      o.firstDueAt ?? null,
    ],
  );
  return String(row?.id);
};

/** The call's row as stored. */
export const callRow = async (t: TestTenant, id: string) => {
  const [row] = await sqlIn(
    t.id,
    `SELECT status, call_state, attempts, due_at, first_due_at, close_reason, assignee_id FROM care_tasks
      WHERE tenant_id = $1 AND id = $2`,
    [t.id, id],
  );
  if (!row) throw new Error(`no call ${id}`);
  return row;
};

export const hour = 3600_000;
export const day = 24 * hour;
