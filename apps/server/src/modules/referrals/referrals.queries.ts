import { z } from 'zod';
import { referralChannels, referralRefusals, referralStatuses } from '@m4s/contracts';
import { col, maybeRow, oneRow, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/**
 * Referrals' statements (docs/referrals.md). Every one names its tenant, joins on (tenant_id, id) and routes to
 * one shard on Citus.
 */

export const codeOf = async (sql: SqlExecutor, tenantId: string, customerId: string) =>
  maybeRow(
    z.object({ code: col.text }),
    await sql.executeSql('SELECT code FROM referral_codes WHERE tenant_id = $1 AND customer_id = $2', [
      tenantId,
      customerId,
    ]),
  )?.code ?? null;

/** Writes the customer's code unless they have one or the code is taken: true when written. */
export const insertCode = async (
  sql: SqlExecutor,
  tenantId: string,
  row: { id: string; customerId: string; code: string; at: Date },
) =>
  (
    await sql.executeSql(
      `INSERT INTO referral_codes (tenant_id, id, customer_id, code, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING id`,
      [tenantId, row.id, row.customerId, row.code, row.at],
    )
  ).rows.length === 1;

/** The code's owner (the referrer) with their phones, for the eligibility checks. */
export const referrerByCode = async (sql: SqlExecutor, tenantId: string, code: string) =>
  maybeRow(
    z.object({ customer_id: col.text, name: col.text, phones: z.array(z.string()).nullable() }),
    await sql.executeSql(
      `SELECT c.id AS customer_id, c.name,
              (SELECT array_agg(p.phone) FROM customer_phones p
               WHERE p.tenant_id = c.tenant_id AND p.tenant_id = $1 AND p.customer_id = c.id) AS phones
       FROM referral_codes r JOIN customers c ON c.tenant_id = r.tenant_id AND c.id = r.customer_id
       WHERE r.tenant_id = $1 AND c.tenant_id = $1 AND r.code = $2 AND c.erased_at IS NULL`,
      [tenantId, code],
    ),
  );

/** The customer that holds a phone, if any. */
export const customerByPhone = async (sql: SqlExecutor, tenantId: string, phone: string) =>
  maybeRow(
    z.object({ customer_id: col.text }),
    await sql.executeSql('SELECT customer_id FROM customer_phones WHERE tenant_id = $1 AND phone = $2', [
      tenantId,
      phone,
    ]),
  )?.customer_id ?? null;

export const ownerPhone = async (sql: SqlExecutor, tenantId: string, ownerId: string) =>
  oneRow(
    z.object({ phone: col.text }),
    await sql.executeSql('SELECT phone FROM owners WHERE tenant_id = $1 AND id = $2', [tenantId, ownerId]),
    'ownerPhone',
  ).phone;

/** A live referral of the phone (invited, visited or rewarded): the person is someone's already. */
export const liveReferralOf = async (sql: SqlExecutor, tenantId: string, phone: string) =>
  maybeRow(
    z.object({ id: col.text }),
    await sql.executeSql(
      `SELECT id FROM referrals WHERE tenant_id = $1 AND referred_phone = $2 AND status <> 'ineligible'`,
      [tenantId, phone],
    ),
  );

export const storesOf = async (sql: SqlExecutor, tenantId: string) =>
  parseRows(
    z.object({ id: col.text, name: col.text }),
    await sql.executeSql('SELECT id, name FROM stores WHERE tenant_id = $1 ORDER BY code', [tenantId]),
  );

/**
 * The store's consultant for a new lead: the active sales consultant of the store with the fewest referrals
 * so far (a fair rotation), else the store's active manager; null in a store with neither.
 */
export const consultantFor = async (sql: SqlExecutor, tenantId: string, storeId: string) =>
  maybeRow(
    z.object({ id: col.text }),
    await sql.executeSql(
      `SELECT s.id FROM staff s
       WHERE s.tenant_id = $1 AND s.store_id = $2 AND s.status = 'active'
         AND s.role IN ('sales_consultant', 'store_manager')
       ORDER BY CASE WHEN s.role = 'sales_consultant' THEN 0 ELSE 1 END,
                (SELECT count(*) FROM referrals r WHERE r.tenant_id = s.tenant_id AND r.tenant_id = $1
                   AND r.consultant_id = s.id),
                s.id
       LIMIT 1`,
      [tenantId, storeId],
    ),
  )?.id ?? null;

export const staffInStore = async (sql: SqlExecutor, tenantId: string, staffId: string, storeId: string) =>
  (
    await sql.executeSql(
      `SELECT id FROM staff WHERE tenant_id = $1 AND id = $2 AND store_id = $3 AND status = 'active'`,
      [tenantId, staffId, storeId],
    )
  ).rows.length === 1;

export type NewReferral = {
  id: string;
  code: string;
  referrerId: string;
  channel: (typeof referralChannels)[number];
  phone: string;
  name: string;
  referredCustomerId: string | null;
  storeId: string;
  consultantId: string | null;
  status: 'invited' | 'ineligible';
  reason: (typeof referralRefusals)[number] | null;
  note: string | null;
  recordedBy: string | null;
  at: Date;
};

/**
 * Records a lead. A live one for the same phone written at the same moment loses on the partial unique
 * index: false, and the caller records it as ineligible (already referred).
 */
export const insertReferral = async (sql: SqlExecutor, tenantId: string, r: NewReferral) =>
  (
    await sql.executeSql(
      `INSERT INTO referrals (tenant_id, id, code, referrer_id, channel, referred_phone, referred_name,
         referred_customer_id, store_id, consultant_id, status, reason, note, recorded_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (tenant_id, referred_phone) WHERE status <> 'ineligible' DO NOTHING RETURNING id`,
      [
        tenantId,
        r.id,
        r.code,
        r.referrerId,
        r.channel,
        r.phone,
        r.name,
        r.referredCustomerId,
        r.storeId,
        r.consultantId,
        r.status,
        r.reason,
        r.note,
        r.recordedBy,
        r.at,
      ],
    )
  ).rows.length === 1;

const referralRow = z.object({
  id: col.text,
  code: col.text,
  channel: z.enum(referralChannels),
  status: z.enum(referralStatuses),
  reason: z.enum(referralRefusals).nullable(),
  referrer_id: col.text,
  referrer_name: col.text,
  referred_name: col.text,
  referred_phone: col.text,
  referred_customer_id: col.textOrNull,
  store_id: col.text,
  store_name: col.text,
  consultant_id: col.textOrNull,
  consultant_name: col.textOrNull,
  created_at: col.instant,
  visited_at: col.instantOrNull,
  rewarded_at: col.instantOrNull,
  reward_points: col.number,
  reward_coupon_id: col.textOrNull,
});
export type ReferralRow = z.output<typeof referralRow>;

const select = `SELECT r.id, r.code, r.channel, r.status, r.reason, r.referrer_id, c.name AS referrer_name,
    r.referred_name, r.referred_phone, r.referred_customer_id, r.store_id, s.name AS store_name, r.consultant_id,
    st.name AS consultant_name, r.created_at, r.visited_at, r.rewarded_at, r.reward_points, r.reward_coupon_id
  FROM referrals r
  JOIN customers c ON c.tenant_id = r.tenant_id AND c.id = r.referrer_id
  JOIN stores s ON s.tenant_id = r.tenant_id AND s.id = r.store_id
  LEFT JOIN staff st ON st.tenant_id = r.tenant_id AND st.id = r.consultant_id`;

export const referralById = async (sql: SqlExecutor, tenantId: string, id: string) =>
  maybeRow(referralRow, await sql.executeSql(`${select} WHERE r.tenant_id = $1 AND r.id = $2`, [tenantId, id]));

export const referralsOfReferrer = async (sql: SqlExecutor, tenantId: string, referrerId: string) =>
  parseRows(
    referralRow,
    await sql.executeSql(
      `${select} WHERE r.tenant_id = $1 AND r.referrer_id = $2 ORDER BY r.created_at DESC LIMIT 100`,
      [tenantId, referrerId],
    ),
  );

export const referralList = async (
  sql: SqlExecutor,
  tenantId: string,
  filter: { status?: string; storeIds: string[] | null; limit: number },
) =>
  parseRows(
    referralRow,
    await sql.executeSql(
      `${select} WHERE r.tenant_id = $1 AND ($2::text IS NULL OR r.status = $2)
         AND ($3::uuid[] IS NULL OR r.store_id = ANY($3::uuid[]))
       ORDER BY r.created_at DESC, r.id DESC LIMIT $4`,
      [tenantId, filter.status ?? null, filter.storeIds, filter.limit],
    ),
  );

const rateRow = z.object({
  id: col.text,
  name: col.text,
  invited: col.number,
  visited: col.number,
  rewarded: col.number,
  ineligible: col.number,
});

/** Counts per store or per consultant: every referral once, by its status now. */
export const ratesBy = async (
  sql: SqlExecutor,
  tenantId: string,
  by: 'store' | 'consultant',
  storeIds: string[] | null,
) =>
  parseRows(
    rateRow,
    await sql.executeSql(
      `SELECT x.id, x.name,
              count(*) FILTER (WHERE r.status <> 'ineligible')::int AS invited,
              count(*) FILTER (WHERE r.status IN ('visited', 'rewarded'))::int AS visited,
              count(*) FILTER (WHERE r.status = 'rewarded')::int AS rewarded,
              count(*) FILTER (WHERE r.status = 'ineligible')::int AS ineligible
       FROM referrals r
       JOIN ${by === 'store' ? 'stores' : 'staff'} x
         ON x.tenant_id = r.tenant_id AND x.id = r.${by === 'store' ? 'store_id' : 'consultant_id'}
       WHERE r.tenant_id = $1 AND x.tenant_id = $1 AND ($2::uuid[] IS NULL OR r.store_id = ANY($2::uuid[]))
       GROUP BY x.id, x.name ORDER BY x.name`,
      [tenantId, storeIds],
    ),
  );

/**
 * Live referrals of a customer (by their id, or by a phone they hold) not yet rewarded: what a paid visit or a
 * purchase of theirs may reward.
 */
export const pendingOfCustomer = async (sql: SqlExecutor, tenantId: string, customerId: string) =>
  parseRows(
    z.object({ id: col.text, referrer_id: col.text, store_id: col.text, created_at: col.instant }),
    await sql.executeSql(
      `SELECT r.id, r.referrer_id, r.store_id, r.created_at FROM referrals r
       WHERE r.tenant_id = $1 AND r.status IN ('invited', 'visited')
         AND (r.referred_customer_id = $2 OR r.referred_phone IN (
           SELECT p.phone FROM customer_phones p WHERE p.tenant_id = $1 AND p.customer_id = $2))`,
      [tenantId, customerId],
    ),
  );

/** invited → visited: the person is now this customer (a visit opened, an order made). */
export const markVisited = async (sql: SqlExecutor, tenantId: string, id: string, customerId: string, at: Date) => {
  await sql.executeSql(
    `UPDATE referrals SET status = 'visited', visited_at = $4, referred_customer_id = $3
     WHERE tenant_id = $1 AND id = $2 AND status = 'invited'`,
    [tenantId, id, customerId, at],
  );
};

/**
 * → rewarded, once: the conditional UPDATE decides which of two concurrent rewards of one referral goes on
 * (the other sees no row and does nothing).
 */
export const claimReward = async (
  sql: SqlExecutor,
  tenantId: string,
  id: string,
  input: { customerId: string; source: string; at: Date },
) =>
  (
    await sql.executeSql(
      `UPDATE referrals SET status = 'rewarded', rewarded_at = $5, reward_source = $4, referred_customer_id = $3,
         visited_at = coalesce(visited_at, $5)
       WHERE tenant_id = $1 AND id = $2 AND status IN ('invited', 'visited') RETURNING id`,
      [tenantId, id, input.customerId, input.source, input.at],
    )
  ).rows.length === 1;

export const setReward = async (
  sql: SqlExecutor,
  tenantId: string,
  id: string,
  reward: { points: number; couponId: string | null },
) => {
  await sql.executeSql(
    'UPDATE referrals SET reward_points = $3, reward_coupon_id = $4 WHERE tenant_id = $1 AND id = $2',
    [tenantId, id, reward.points, reward.couponId],
  );
};

/**
 * The night's catch-up: live referrals whose person (by id or phone) has a paid repair order or a car
 * purchase since the referral — orders that arrived otherwise than at delivery (a DMS import).
 */
export const dueForReward = async (sql: SqlExecutor, tenantId: string) =>
  parseRows(
    z.object({ id: col.text, customer_id: col.text, source: col.textOrNull }),
    await sql.executeSql(
      `SELECT r.id, p.customer_id,
              coalesce(
                (SELECT 'sales_order:' || so.id FROM sales_orders so
                 WHERE so.tenant_id = p.tenant_id AND so.tenant_id = $1 AND so.customer_id = p.customer_id
                   AND so.order_date >= (r.created_at AT TIME ZONE t.timezone)::date
                 ORDER BY so.order_date, so.id LIMIT 1),
                (SELECT 'repair_order:' || ro.id FROM repair_orders ro
                 WHERE ro.tenant_id = p.tenant_id AND ro.tenant_id = $1 AND ro.customer_id = p.customer_id
                   AND ro.total_fen > 0 AND ro.type IN ('maintenance', 'general_repair', 'accident')
                   AND coalesce(ro.date_out, ro.date_in) >= r.created_at
                 ORDER BY coalesce(ro.date_out, ro.date_in), ro.id LIMIT 1)) AS source
       FROM referrals r
       JOIN tenants t ON t.id = r.tenant_id
       JOIN customer_phones p ON p.tenant_id = r.tenant_id AND p.phone = r.referred_phone
       WHERE r.tenant_id = $1 AND p.tenant_id = $1 AND t.id = $1 AND r.status IN ('invited', 'visited')`,
      [tenantId],
    ),
  ).flatMap((r) => (r.source ? [{ ...r, source: r.source }] : []));

/** The reward behind a source (a voided payment takes back what its order rewarded). */
export const rewardedBySource = async (sql: SqlExecutor, tenantId: string, source: string) =>
  parseRows(
    z.object({ id: col.text }),
    await sql.executeSql(`SELECT id FROM referrals WHERE tenant_id = $1 AND reward_source = $2`, [tenantId, source]),
  );

// ── Personal data ──────────────────────────────────────────────────────────────────────────────────────
export const exportOf = async (sql: SqlExecutor, tenantId: string, customerId: string) =>
  parseRows(
    referralRow,
    await sql.executeSql(
      `${select} WHERE r.tenant_id = $1 AND (r.referrer_id = $2 OR r.referred_customer_id = $2)
       ORDER BY r.created_at`,
      [tenantId, customerId],
    ),
  );

/** Erasure: the referred person's name and phone go (the row and its reward stay, as the group's books). */
export const blankReferred = async (sql: SqlExecutor, tenantId: string, customerId: string, phones: string[]) => {
  await sql.executeSql(
    `UPDATE referrals SET referred_name = '已注销', referred_phone = 'erased:' || id::text, note = NULL
     WHERE tenant_id = $1 AND (referred_customer_id = $2 OR referred_phone = ANY($3::text[]))`,
    [tenantId, customerId, phones],
  );
  await sql.executeSql('UPDATE referrals SET note = NULL WHERE tenant_id = $1 AND referrer_id = $2', [
    tenantId,
    customerId,
  ]);
};

/** A merge: the kept customer keeps their own code; the duplicate's goes when the kept one has one. */
export const foldCode = async (sql: SqlExecutor, tenantId: string, intoId: string, fromId: string) => {
  await sql.executeSql(
    `DELETE FROM referral_codes WHERE tenant_id = $1 AND customer_id = $3
       AND EXISTS (SELECT 1 FROM referral_codes k WHERE k.tenant_id = $1 AND k.customer_id = $2)`,
    [tenantId, intoId, fromId],
  );
};
