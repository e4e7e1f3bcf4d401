import { z } from 'zod';
import {
  campaignAudience,
  campaignCounts,
  campaignOffer,
  campaignStatuses,
  campaignStrategies,
  touchChannels,
  type CampaignAudience,
  type CampaignCounts,
  type CampaignSpec,
} from '@m4s/contracts';
import { col, maybeRow, oneRow, parseRows } from '../../platform/db/rows.ts';
import { insertValues } from '../../platform/db/insert-values.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/** Campaigns, their members and their results (docs/campaigns.md). Every statement names its tenant. */

const campaignRow = z.object({
  id: col.text,
  name: col.text,
  strategy: z.enum(campaignStrategies).nullable(),
  status: z.enum(campaignStatuses),
  audience: campaignAudience,
  offer: campaignOffer,
  offer_name: col.textOrNull,
  channel: z.enum(touchChannels),
  message: col.text,
  scheduled_at: col.instantOrNull,
  attribution_days: col.number,
  control_percent: col.number,
  cost_fen: col.number,
  counts: campaignCounts.nullable(),
  created_at: col.instant,
  sent_at: col.instantOrNull,
});
export type CampaignRow = z.output<typeof campaignRow>;

// The offer's name: the coupon template's, the event's title, or the package's own.
const select = `SELECT c.id, c.name, c.strategy, c.status, c.audience, c.offer,
    COALESCE((SELECT t.name FROM coupon_templates t WHERE t.tenant_id = $1 AND t.tenant_id = c.tenant_id
      AND c.offer->>'kind' = 'coupon' AND t.id::text = c.offer->>'templateId'),
      (SELECT e.title FROM events e WHERE e.tenant_id = $1 AND e.tenant_id = c.tenant_id
      AND c.offer->>'kind' = 'event' AND e.id::text = c.offer->>'eventId'), c.offer->>'name') AS offer_name,
    c.channel, c.message, c.scheduled_at, c.attribution_days, c.control_percent, c.cost_fen, c.counts, c.created_at,
    c.sent_at
  FROM campaigns c WHERE c.tenant_id = $1`;

export const campaignList = async (sql: SqlExecutor, tenantId: string) =>
  parseRows(campaignRow, await sql.executeSql(`${select} ORDER BY c.created_at DESC, c.id DESC LIMIT 200`, [tenantId]));

export const campaignById = async (sql: SqlExecutor, tenantId: string, id: string, lock = false) =>
  maybeRow(
    campaignRow,
    await sql.executeSql(`${select} AND c.id = $2${lock ? ' FOR UPDATE OF c' : ''}`, [tenantId, id]),
    'campaign',
  );

const specValues = (s: CampaignSpec) => [
  s.name,
  s.strategy,
  JSON.stringify(s.audience),
  JSON.stringify(s.offer),
  s.channel,
  s.message,
  s.scheduledAt ? new Date(s.scheduledAt) : null,
  s.attributionDays,
  s.controlPercent,
  s.costFen,
];

export const insertCampaign = async (
  sql: SqlExecutor,
  tenantId: string,
  row: { id: string; spec: CampaignSpec; createdBy: string | null; at: Date },
) => {
  await sql.executeSql(
    `INSERT INTO campaigns (tenant_id, id, name, strategy, audience, offer, channel, message, scheduled_at,
       attribution_days, control_percent, cost_fen, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [tenantId, row.id, ...specValues(row.spec), row.createdBy, row.at],
  );
};

/** Edits a draft; false when it is not (any longer) a draft. */
export const updateDraft = async (sql: SqlExecutor, tenantId: string, id: string, spec: CampaignSpec) =>
  (
    await sql.executeSql(
      `UPDATE campaigns SET name = $3, strategy = $4, audience = $5::jsonb, offer = $6::jsonb, channel = $7,
         message = $8, scheduled_at = $9, attribution_days = $10, control_percent = $11, cost_fen = $12
       WHERE tenant_id = $1 AND id = $2 AND status = 'draft' RETURNING id`,
      [tenantId, id, ...specValues(spec)],
    )
  ).rows.length === 1;

export const setStatus = async (
  sql: SqlExecutor,
  tenantId: string,
  id: string,
  from: readonly string[],
  to: { status: string; counts?: CampaignCounts; sentAt?: Date },
) =>
  (
    await sql.executeSql(
      `UPDATE campaigns SET status = $4, counts = COALESCE($5::jsonb, counts), sent_at = COALESCE($6, sent_at)
       WHERE tenant_id = $1 AND id = $2 AND status = ANY($3::text[]) RETURNING id`,
      [tenantId, id, from, to.status, to.counts ? JSON.stringify(to.counts) : null, to.sentAt ?? null],
    )
  ).rows.length === 1;

export const deleteDraft = async (sql: SqlExecutor, tenantId: string, id: string) =>
  (
    await sql.executeSql(`DELETE FROM campaigns WHERE tenant_id = $1 AND id = $2 AND status = 'draft' RETURNING id`, [
      tenantId,
      id,
    ])
  ).rows.length === 1;

const memberRow = z.object({ customer_id: col.text, store_id: col.textOrNull, vehicle_id: col.textOrNull });
export type AudienceMember = z.output<typeof memberRow>;

/**
 * The audience: the tenant's customers (not erased) matching every criterion; their home store and one
 * current car matching the car criteria (the newest), by customer id. `today` is the tenant's day.
 */
export const audienceOf = async (sql: SqlExecutor, tenantId: string, a: CampaignAudience, today: string) => {
  const carFilter =
    a.stages.length > 0 ||
    a.brandIds.length > 0 ||
    a.carAgeYears.min !== null ||
    a.carAgeYears.max !== null ||
    a.minMileageKm !== null;
  const car = `FROM vehicles v
      LEFT JOIN vehicle_segments vs ON vs.tenant_id = $1 AND vs.tenant_id = v.tenant_id AND vs.vehicle_id = v.id
      WHERE v.tenant_id = $1 AND v.tenant_id = c.tenant_id AND v.owner_id = c.id
        AND (cardinality($7::text[]) = 0 OR vs.stage = ANY($7::text[]))
        AND (cardinality($8::text[]) = 0 OR v.brand_id = ANY($8::text[]))
        AND ($9::int IS NULL OR v.purchase_date <= ($2::date - make_interval(years => $9::int)))
        AND ($10::int IS NULL OR v.purchase_date > ($2::date - make_interval(years => $10::int + 1)))
        AND ($11::int IS NULL OR vs.estimated_km >= $11::int)`;
  return parseRows(
    memberRow,
    await sql.executeSql(
      `SELECT c.id AS customer_id, c.home_store_id AS store_id,
         (SELECT v.id ${car} ORDER BY v.purchase_date DESC NULLS LAST, v.id LIMIT 1) AS vehicle_id
       FROM customers c
       LEFT JOIN customer_segments s ON s.tenant_id = $1 AND s.tenant_id = c.tenant_id AND s.customer_id = c.id
       LEFT JOIN loyalty_members m ON m.tenant_id = $1 AND m.tenant_id = c.tenant_id AND m.customer_id = c.id
       WHERE c.tenant_id = $1 AND c.erased_at IS NULL
         AND (cardinality($3::text[]) = 0 OR s.frequency = ANY($3::text[]))
         AND (cardinality($4::text[]) = 0 OR s.rfm = ANY($4::text[]))
         AND (cardinality($5::text[]) = 0 OR s.value_quadrant = ANY($5::text[]))
         AND (cardinality($6::text[]) = 0 OR m.tier = ANY($6::text[]))
         AND ($12::int IS NULL OR s.last_visit_on <= $2::date - $12::int)
         AND ($13::int IS NULL OR s.last_visit_on >= $2::date - $13::int)
         AND (cardinality($14::uuid[]) = 0 OR c.home_store_id = ANY($14::uuid[]))
         AND (NOT $15::boolean OR EXISTS (SELECT 1 ${car}))
       ORDER BY c.id`,
      [
        tenantId,
        today,
        a.frequency,
        a.rfm,
        a.value,
        a.tiers,
        a.stages,
        a.brandIds,
        a.carAgeYears.min,
        a.carAgeYears.max,
        a.minMileageKm,
        a.lastVisitDays.min,
        a.lastVisitDays.max,
        a.storeIds,
        carFilter,
      ],
    ),
    'campaign audience',
  );
};

export type MemberInsert = {
  customerId: string;
  grp: 'reached' | 'held' | 'control';
  reason: string | null;
  decision: string | null;
  couponId: string | null;
};

export const insertMembers = async (sql: SqlExecutor, tenantId: string, campaignId: string, rows: MemberInsert[]) => {
  await insertValues(sql, {
    into: 'campaign_members',
    tenantId,
    shared: { campaign_id: campaignId },
    columns: ['customer_id', 'grp', 'reason', 'decision', 'coupon_id'],
    rows: rows.map((r) => [r.customerId, r.grp, r.reason, r.decision, r.couponId]),
  });
};

const groupRow = z.object({
  grp: z.enum(['reached', 'control']),
  customers: col.number,
  responders: col.number,
  bookings: col.number,
  visits: col.number,
  revenue_fen: col.number,
  parts_cost_fen: col.number,
});

/**
 * Each group's behaviour within [from, to): bookings made (not cancelled), workshop visits (repair orders
 * of any source, by the day the car came in), their revenue and parts cost. One probe per member and table.
 */
export const groupResults = async (sql: SqlExecutor, tenantId: string, campaignId: string, from: Date, to: Date) =>
  parseRows(
    groupRow,
    await sql.executeSql(
      `SELECT m.grp, count(*) AS customers,
         count(*) FILTER (WHERE x.bookings > 0 OR x.visits > 0) AS responders,
         COALESCE(sum(x.bookings), 0) AS bookings, COALESCE(sum(x.visits), 0) AS visits,
         COALESCE(sum(x.revenue_fen), 0) AS revenue_fen, COALESCE(sum(x.parts_cost_fen), 0) AS parts_cost_fen
       FROM campaign_members m
       CROSS JOIN LATERAL (
         SELECT
           (SELECT count(*) FROM bookings b WHERE b.tenant_id = $1 AND b.tenant_id = m.tenant_id
              AND b.customer_id = m.customer_id AND b.created_at >= $3 AND b.created_at < $4
              AND b.status <> 'cancelled') AS bookings,
           o.visits, o.revenue_fen, o.parts_cost_fen
         FROM (SELECT count(*) AS visits, COALESCE(sum(r.total_fen), 0) AS revenue_fen,
                 COALESCE(sum(r.parts_cost_fen), 0) AS parts_cost_fen
               FROM repair_orders r WHERE r.tenant_id = $1 AND r.tenant_id = m.tenant_id
                 AND r.customer_id = m.customer_id AND r.date_in >= $3 AND r.date_in < $4) o
       ) x
       WHERE m.tenant_id = $1 AND m.campaign_id = $2 AND m.grp IN ('reached', 'control')
       GROUP BY m.grp`,
      [tenantId, campaignId, from, to],
    ),
    'campaign groups',
  );

const directRow = z.object({
  coupons: col.number,
  redeemed: col.number,
  discount_fen: col.number,
  bookings: col.number,
  visits: col.number,
  revenue_fen: col.number,
});

/**
 * What used the campaign's coupons, whatever the window: bookings made with one, visits whose checkout
 * redeemed one (and their repair orders' revenue); for a package, bookings of its service type by the
 * reached within the window.
 */
export const directResults = async (
  sql: SqlExecutor,
  tenantId: string,
  campaignId: string,
  pkg: { serviceTypeId: string | null; from: Date; to: Date },
) =>
  oneRow(
    directRow,
    await sql.executeSql(
      `SELECT count(c.id) AS coupons,
         count(*) FILTER (WHERE c.status = 'redeemed') AS redeemed,
         COALESCE(sum(c.discount_fen) FILTER (WHERE c.status = 'redeemed'), 0) AS discount_fen,
         COALESCE(sum(x.bookings), 0) AS bookings, count(v.id) AS visits, COALESCE(sum(x.revenue_fen), 0) AS revenue_fen
       FROM campaign_members m
       LEFT JOIN coupons c ON c.tenant_id = $1 AND c.tenant_id = m.tenant_id AND c.id = m.coupon_id
       LEFT JOIN visits v ON v.tenant_id = $1 AND v.tenant_id = c.tenant_id AND v.id = c.redeemed_visit_id
       CROSS JOIN LATERAL (
         SELECT
           (SELECT count(*) FROM bookings b WHERE b.tenant_id = $1 AND b.tenant_id = m.tenant_id
              AND b.customer_id = m.customer_id AND b.status <> 'cancelled'
              AND (b.coupon_id = m.coupon_id
                OR (b.service_type_id = $3::uuid AND b.created_at >= $4 AND b.created_at < $5))) AS bookings,
           (SELECT COALESCE(sum(r.total_fen), 0) FROM repair_orders r WHERE r.tenant_id = $1
              AND r.tenant_id = m.tenant_id AND r.id = v.repair_order_id) AS revenue_fen
       ) x
       WHERE m.tenant_id = $1 AND m.campaign_id = $2 AND m.grp = 'reached'`,
      [tenantId, campaignId, pkg.serviceTypeId, pkg.from, pkg.to],
    ),
    'campaign direct results',
  );

/** An event offer's sign-ups (not cancelled) and check-ins of the reached and the control group. */
export const eventSignups = async (sql: SqlExecutor, tenantId: string, campaignId: string, eventId: string) =>
  parseRows(
    z.object({ grp: col.text, signed_up: col.number, checked_in: col.number }),
    await sql.executeSql(
      `SELECT m.grp, count(s.id) FILTER (WHERE s.status <> 'cancelled') AS signed_up,
         count(s.id) FILTER (WHERE s.checked_in_at IS NOT NULL) AS checked_in
       FROM campaign_members m
       LEFT JOIN event_signups s ON s.tenant_id = $1 AND s.tenant_id = m.tenant_id AND s.event_id = $3
         AND s.customer_id = m.customer_id
       WHERE m.tenant_id = $1 AND m.campaign_id = $2 AND m.grp IN ('reached', 'control')
       GROUP BY m.grp`,
      [tenantId, campaignId, eventId],
    ),
  );

const customerCampaignRow = z.object({
  campaign_id: col.text,
  name: col.text,
  grp: col.text,
  reason: col.textOrNull,
  decision: col.textOrNull,
  coupon_id: col.textOrNull,
  sent_at: col.instantOrNull,
});

/** A customer's part in campaigns (the PIPL export). */
export const campaignsOfCustomer = async (sql: SqlExecutor, tenantId: string, customerId: string) =>
  parseRows(
    customerCampaignRow,
    await sql.executeSql(
      `SELECT m.campaign_id, c.name, m.grp, m.reason, m.decision, m.coupon_id, c.sent_at
       FROM campaign_members m JOIN campaigns c ON c.tenant_id = m.tenant_id AND c.id = m.campaign_id
       WHERE m.tenant_id = $1 AND c.tenant_id = $1 AND m.customer_id = $2 ORDER BY c.created_at`,
      [tenantId, customerId],
    ),
  );

/** Before a merge moves the duplicate's rows: drop those of campaigns the kept customer is in already. */
export const dropMergeClashes = async (sql: SqlExecutor, tenantId: string, intoId: string, fromId: string) => {
  await sql.executeSql(
    `DELETE FROM campaign_members d WHERE d.tenant_id = $1 AND d.customer_id = $3
       AND EXISTS (SELECT 1 FROM campaign_members k WHERE k.tenant_id = $1 AND k.tenant_id = d.tenant_id
         AND k.campaign_id = d.campaign_id AND k.customer_id = $2)`,
    [tenantId, intoId, fromId],
  );
};

/** Scheduled campaigns whose moment has come (the job sends each; this finds any a restart left). */
export const dueScheduled = async (sql: SqlExecutor, tenantId: string, now: Date) =>
  parseRows(
    z.object({ id: col.text }),
    await sql.executeSql(
      `SELECT id FROM campaigns WHERE tenant_id = $1 AND status = 'scheduled' AND scheduled_at <= $2 ORDER BY scheduled_at`,
      [tenantId, now],
    ),
  ).map((r) => r.id);

/** The tenant's time zone (its days: the audience's "days since the last visit", car age). */
export const tenantZone = async (sql: SqlExecutor, tenantId: string) =>
  oneRow(
    z.object({ timezone: col.text }),
    await sql.executeSql('SELECT timezone FROM tenants WHERE id = $1', [tenantId]),
  ).timezone;

/** Whether the offer's references are the tenant's: a coupon template (and whether active), a service type. */
export const offerRefs = async (
  sql: SqlExecutor,
  tenantId: string,
  templateId: string | null,
  serviceTypeId: string | null,
) =>
  oneRow(
    z.object({ template: z.boolean().nullable(), template_name: col.textOrNull, service_type: col.bool }),
    await sql.executeSql(
      `SELECT (SELECT t.active FROM coupon_templates t WHERE t.tenant_id = $1 AND t.id = $2::uuid) AS template,
         (SELECT t.name FROM coupon_templates t WHERE t.tenant_id = $1 AND t.id = $2::uuid) AS template_name,
         EXISTS (SELECT 1 FROM service_types s WHERE s.tenant_id = $1 AND s.id = $3::uuid) AS service_type`,
      [tenantId, templateId, serviceTypeId],
    ),
  );

export const knownStores = async (sql: SqlExecutor, tenantId: string, ids: readonly string[]) =>
  ids.length === 0
    ? []
    : parseRows(
        z.object({ id: col.text }),
        await sql.executeSql('SELECT id FROM stores WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [tenantId, ids]),
      ).map((r) => r.id);
