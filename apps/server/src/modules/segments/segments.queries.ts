import {
  rfmBases,
  segmentDimension,
  type SegmentCustomerClasses,
  type SegmentDimension,
  type SegmentListDimension,
} from '@m4s/contracts';
import { z } from 'zod';
import { col, maybeRow, oneRow, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/** The column each customer dimension is kept in (the stage is the vehicles'). */
const customerColumn: Record<Exclude<SegmentDimension, 'stage'>, string> = {
  frequency: 'frequency',
  rfm: 'rfm',
  loyalty: 'loyalty',
  value: 'value_quadrant',
};

/**
 * The day of the tenant's last classification pass, or null before the first. Rows are written only when
 * they change, so a row's computed_on can be older; a tenant only ever classified one customer at a time
 * (after deliveries) has no pass yet and shows its newest row's day.
 */
export const lastComputedOn = async (sql: SqlExecutor, tenantId: string): Promise<string | null> => {
  const result = await sql.executeSql(
    `SELECT COALESCE((SELECT segments_on FROM tenants WHERE id = $1),
                     greatest((SELECT max(computed_on) FROM customer_segments WHERE tenant_id = $1),
                              (SELECT max(computed_on) FROM vehicle_segments WHERE tenant_id = $1)))::text AS on_day`,
    [tenantId],
  );
  return maybeRow(z.object({ on_day: col.textOrNull }), result, 'lastComputedOn')?.on_day ?? null;
};

/** Seasonal/relocated customers are kept out of the churn measure: the `churned` class counts the others. */
const notSeasonalChurned = `NOT (seasonal AND frequency = 'churned')`;

/** How many customers (vehicles for the stage) are in each class now. */
export const classCounts = async (sql: SqlExecutor, tenantId: string) => {
  const parts = Object.entries(customerColumn).map(
    ([dimension, column]) =>
      `SELECT '${dimension}' AS dimension, ${column} AS value, count(*)::int AS n
         FROM customer_segments WHERE tenant_id = $1 ${dimension === 'frequency' ? `AND ${notSeasonalChurned}` : ''}
        GROUP BY ${column}`,
  );
  parts.push(
    `SELECT 'stage' AS dimension, stage AS value, count(*)::int AS n FROM vehicle_segments WHERE tenant_id = $1 GROUP BY stage`,
  );
  return parseRows(
    z.object({ dimension: segmentDimension, value: col.text, n: col.number }),
    await sql.executeSql(parts.join(' UNION ALL '), [tenantId]),
    'classCounts',
  );
};

/**
 * The flags' counts and the churn measure: churned ÷ measured, where the measured are the classified
 * customers who are neither seasonal/relocated nor new owners.
 */
export const flagCounts = async (sql: SqlExecutor, tenantId: string) =>
  oneRow(
    z.object({
      seasonal: col.number,
      lapsing: col.number,
      churned: col.number,
      measured: col.number,
      seasonal_churned: col.number,
    }),
    await sql.executeSql(
      `SELECT count(*) FILTER (WHERE seasonal)::int AS seasonal, count(*) FILTER (WHERE lapsing)::int AS lapsing,
              count(*) FILTER (WHERE frequency = 'churned' AND NOT seasonal)::int AS churned,
              count(*) FILTER (WHERE NOT seasonal AND frequency <> 'new_owner')::int AS measured,
              count(*) FILTER (WHERE frequency = 'churned' AND seasonal)::int AS seasonal_churned
         FROM customer_segments WHERE tenant_id = $1`,
      [tenantId],
    ),
    'flagCounts',
  );

/** Moves into and out of each class after `since` up to `until` (first classifications count as in). */
export const movements = async (sql: SqlExecutor, tenantId: string, since: string, until: string) => {
  const result = await sql.executeSql(
    `SELECT dimension, value, sum(moved_in)::int AS moved_in, sum(moved_out)::int AS moved_out FROM (
       SELECT dimension, to_value AS value, count(*) AS moved_in, 0 AS moved_out FROM segment_changes
        WHERE tenant_id = $1 AND changed_on > $2::date AND changed_on <= $3::date GROUP BY dimension, to_value
       UNION ALL
       SELECT dimension, from_value, 0, count(*) FROM segment_changes
        WHERE tenant_id = $1 AND changed_on > $2::date AND changed_on <= $3::date AND from_value IS NOT NULL
        GROUP BY dimension, from_value) m
     GROUP BY dimension, value`,
    [tenantId, since, until],
  );
  return parseRows(
    z.object({ dimension: segmentDimension, value: col.text, moved_in: col.number, moved_out: col.number }),
    result,
    'movements',
  );
};

/**
 * The filter selecting a class's customers: their own row, or a car of theirs in that stage, or a flag
 * (`$2` names it); the churned leave the seasonal out, as the count does.
 */
const classFilter = (dimension: SegmentListDimension) => {
  if (dimension === 'stage')
    return `EXISTS (SELECT 1 FROM vehicles v JOIN vehicle_segments vs ON vs.tenant_id = v.tenant_id AND vs.vehicle_id = v.id
                WHERE v.tenant_id = $1 AND v.owner_id = c.id AND vs.stage = $2)`;
  if (dimension === 'flag') return `CASE $2::text WHEN 'seasonal' THEN s.seasonal ELSE s.lapsing END`;
  if (dimension === 'frequency') return `s.frequency = $2 AND NOT (s.seasonal AND s.frequency = 'churned')`;
  return `s.${customerColumn[dimension]} = $2`;
};

export type ClassMember = {
  id: string;
  name: string;
  visits12m: number;
  spend12mFen: number;
  clvFen: number;
  lastVisitOn: string | null;
};

const memberRow = z
  .object({
    id: col.text,
    name: col.text,
    visits: col.number,
    spend: col.number,
    clv: col.number,
    last_on: col.textOrNull,
  })
  .transform((r): ClassMember => ({
    id: r.id,
    name: r.name,
    visits12m: r.visits,
    spend12mFen: r.spend,
    clvFen: r.clv,
    lastVisitOn: r.last_on,
  }));

/** One page of a class's customers, the most valuable first; `limit` null for every one (the export). */
export const classMembers = async (
  sql: SqlExecutor,
  tenantId: string,
  dimension: SegmentListDimension,
  value: string,
  page: { limit: number; offset: number },
): Promise<{ rows: ClassMember[]; total: number }> => {
  const from = `FROM customers c
    LEFT JOIN customer_segments s ON s.tenant_id = c.tenant_id AND s.customer_id = c.id
    WHERE c.tenant_id = $1 AND c.erased_at IS NULL AND ${classFilter(dimension)}`;
  const result = await sql.executeSql(
    `SELECT c.id, c.name, COALESCE(s.visits_12m, 0) AS visits, COALESCE(s.spend_12m_fen, 0)::float8 AS spend,
            COALESCE(s.clv_fen, 0)::float8 AS clv, s.last_visit_on::text AS last_on
       ${from} ORDER BY COALESCE(s.clv_fen, 0) DESC, c.name, c.id LIMIT $3 OFFSET $4`,
    [tenantId, value, page.limit, page.offset],
  );
  const count = await sql.executeSql(`SELECT count(*)::int AS n ${from}`, [tenantId, value]);
  return {
    total: oneRow(z.object({ n: col.number }), count, 'classMembers count').n,
    rows: parseRows(memberRow, result, 'classMembers'),
  };
};

/** Each customer's primary (else first) phone and the plates of their cars. */
export const contactsOf = async (sql: SqlExecutor, tenantId: string, ids: string[]) => {
  if (ids.length === 0) return { phones: new Map<string, string>(), plates: new Map<string, string[]>() };
  const list = JSON.stringify(ids);
  const phones = await sql.executeSql(
    `SELECT DISTINCT ON (customer_id) customer_id, phone FROM customer_phones
      WHERE tenant_id = $1 AND customer_id IN (SELECT jsonb_array_elements_text($2::jsonb)::uuid)
      ORDER BY customer_id, is_primary DESC, created_at`,
    [tenantId, list],
  );
  const plates = await sql.executeSql(
    `SELECT owner_id, string_agg(plate, '|' ORDER BY plate) AS plates FROM vehicles
      WHERE tenant_id = $1 AND plate IS NOT NULL AND owner_id IN (SELECT jsonb_array_elements_text($2::jsonb)::uuid)
      GROUP BY owner_id`,
    [tenantId, list],
  );
  return {
    phones: new Map(
      parseRows(z.object({ customer_id: col.text, phone: col.text }), phones, 'contactsOf phones').map((r) => [
        r.customer_id,
        r.phone,
      ]),
    ),
    plates: new Map(
      parseRows(z.object({ owner_id: col.text, plates: col.textOrNull }), plates, 'contactsOf plates').map((r) => [
        r.owner_id,
        (r.plates ?? '').split('|').filter(Boolean),
      ]),
    ),
  };
};

/** One customer's stored classes and the figures behind them. */
const classesSelect = `SELECT frequency, rfm, loyalty, value_quadrant, visits_12m, spend_12m_fen, first_visit_on::text,
        last_visit_on::text, clv_fen, computed_on::text, seasonal, lapsing, rfm_basis, rfm_distance::float8,
        usual_gap_days, new_owner_until::text, (computed_on - last_visit_on)::int AS recency_days
      FROM customer_segments WHERE tenant_id = $1 AND customer_id = $2`;

/** One customer's classes as of the last classification, and every move between classes (access request). */
export const segmentsOfCustomer = async (sql: SqlExecutor, tenantId: string, customerId: string) => {
  const current = await sql.executeSql(classesSelect, [tenantId, customerId]);
  const moves = await sql.executeSql(
    `SELECT dimension, from_value, to_value, changed_on::text FROM segment_changes
      WHERE tenant_id = $1 AND subject_kind = 'customer' AND subject_id = $2 ORDER BY changed_on, created_at, id`,
    [tenantId, customerId],
  );
  return {
    classes: maybeRow(classesRow, current, 'segmentsOfCustomer'),
    moves: parseRows(moveRow, moves, 'segmentsOfCustomer moves'),
  };
};

const classesRow = z
  .object({
    frequency: col.text,
    rfm: col.text,
    loyalty: col.text,
    value_quadrant: col.text,
    visits_12m: col.number,
    spend_12m_fen: col.number,
    first_visit_on: col.textOrNull,
    last_visit_on: col.textOrNull,
    clv_fen: col.number,
    computed_on: col.text,
    seasonal: z.boolean(),
    lapsing: z.boolean(),
    rfm_basis: z.enum(rfmBases),
    rfm_distance: col.numberOrNull,
    usual_gap_days: col.numberOrNull,
    new_owner_until: col.textOrNull,
    recency_days: col.numberOrNull,
  })
  .transform((r) => ({
    frequency: r.frequency,
    rfm: r.rfm,
    loyalty: r.loyalty,
    value: r.value_quadrant,
    visits12m: r.visits_12m,
    spend12mFen: r.spend_12m_fen,
    firstVisitOn: r.first_visit_on,
    lastVisitOn: r.last_visit_on,
    lifetimeValueFen: r.clv_fen,
    computedOn: r.computed_on,
    seasonal: r.seasonal,
    lapsing: r.lapsing,
    rfmBasis: r.rfm_basis,
    rfmDistance: r.rfm_distance,
    recencyDays: r.recency_days,
    usualGapDays: r.usual_gap_days,
    newOwnerUntil: r.new_owner_until,
  }));

/** The customer page's view of the classes: as stored, with why (null figures before the first pass). */
export const customerClasses = async (
  sql: SqlExecutor,
  tenantId: string,
  customerId: string,
  seasonalNow: boolean,
): Promise<SegmentCustomerClasses> => {
  const r = maybeRow(classesRow, await sql.executeSql(classesSelect, [tenantId, customerId]), 'customerClasses');
  if (!r)
    return {
      classified: false,
      computedOn: null,
      frequency: null,
      rfm: null,
      loyalty: null,
      value: null,
      seasonal: seasonalNow,
      lapsing: false,
      visits12m: 0,
      spend12mFen: 0,
      firstVisitOn: null,
      lastVisitOn: null,
      clvFen: 0,
      newOwnerUntil: null,
      usualGapDays: null,
      rfmWhy: null,
    };
  return {
    classified: true,
    computedOn: r.computedOn,
    frequency: r.frequency,
    rfm: r.rfm,
    loyalty: r.loyalty,
    value: r.value,
    seasonal: r.seasonal,
    lapsing: r.lapsing,
    visits12m: r.visits12m,
    spend12mFen: r.spend12mFen,
    firstVisitOn: r.firstVisitOn,
    lastVisitOn: r.lastVisitOn,
    clvFen: r.lifetimeValueFen,
    newOwnerUntil: r.newOwnerUntil,
    usualGapDays: r.usualGapDays,
    rfmWhy: {
      basis: r.rfmBasis,
      recencyDays: r.recencyDays,
      visits12m: r.visits12m,
      spend12mFen: r.spend12mFen,
      distance: r.rfmDistance,
    },
  };
};

const moveRow = z
  .object({ dimension: col.text, from_value: col.textOrNull, to_value: col.text, changed_on: col.text })
  .transform((m) => ({ dimension: m.dimension, from: m.from_value, to: m.to_value, on: m.changed_on }));
