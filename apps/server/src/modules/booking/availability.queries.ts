import { z } from 'zod';
import { col, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/** A store's booking settings as stored, or the defaults when it has none (the schema's defaults). */
export const defaultSettings = {
  slotMinutes: 30,
  bays: 4,
  walkInSharePct: 20,
  onlineSharePct: 50,
  leadMinutes: 60,
  horizonDays: 30,
} as const;

export type SettingsValues = {
  slotMinutes: number;
  bays: number;
  walkInSharePct: number;
  onlineSharePct: number;
  leadMinutes: number;
  horizonDays: number;
};

export type StoreClock = SettingsValues & {
  storeId: string;
  status: 'active' | 'closed';
  tz: string;
  /** Today in the tenant's time zone (YYYY-MM-DD). */
  today: string;
  /** The tenant-local day of the instant asked about (today when none). */
  day: string;
};

const int = (v: unknown) => Number(v);

/**
 * The store's settings (defaults when no row), the tenant's time zone, and "today" and the local day of
 * `instant` in that zone. Dates are computed by the database so that the zone rules are PostgreSQL's.
 */
export const storeClock = async (
  sql: SqlExecutor,
  tenantId: string,
  storeId: string,
  now: Date,
  instant: Date = now,
): Promise<StoreClock | null> => {
  const { rows } = await sql.executeSql(
    `SELECT st.status, t.timezone AS tz,
            (($3::timestamptz) AT TIME ZONE t.timezone)::date::text AS today,
            (($4::timestamptz) AT TIME ZONE t.timezone)::date::text AS day,
            coalesce(bs.slot_minutes, $5) AS slot_minutes, coalesce(bs.bays, $6) AS bays,
            coalesce(bs.walk_in_share_pct, $7) AS walk_in, coalesce(bs.online_share_pct, $8) AS online_pct,
            coalesce(bs.lead_minutes, $9) AS lead_minutes, coalesce(bs.horizon_days, $10) AS horizon_days
       FROM stores st
       JOIN tenants t ON t.id = st.tenant_id
       LEFT JOIN booking_settings bs ON bs.tenant_id = st.tenant_id AND bs.store_id = st.id
      WHERE st.tenant_id = $1 AND st.id = $2`,
    [
      tenantId,
      storeId,
      now.toISOString(),
      instant.toISOString(),
      defaultSettings.slotMinutes,
      defaultSettings.bays,
      defaultSettings.walkInSharePct,
      defaultSettings.onlineSharePct,
      defaultSettings.leadMinutes,
      defaultSettings.horizonDays,
    ],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    storeId,
    status: r.status === 'closed' ? 'closed' : 'active',
    tz: String(r.tz),
    today: String(r.today),
    day: String(r.day),
    slotMinutes: int(r.slot_minutes),
    bays: int(r.bays),
    walkInSharePct: int(r.walk_in),
    onlineSharePct: int(r.online_pct),
    leadMinutes: int(r.lead_minutes),
    horizonDays: int(r.horizon_days),
  };
};

/** One row per day, and per slot of that day when it has any. */
export type SlotGridRow = {
  day: string;
  closure: string | null;
  /** Weekday without opening periods. */
  noHours: boolean;
  startsMs: number | null;
  /** min(bays, advisors on duty that day). */
  capacity: number;
  total: number;
  online: number;
  advisors: number;
  /** Bookings at this slot that have an advisor. */
  withAdvisor: number;
  /** The advisor asked about is on duty that day / already booked at this slot. */
  chosenOnDuty: boolean;
  chosenTaken: boolean;
};

export type SlotGridInput = {
  tenantId: string;
  storeId: string;
  from: string;
  days: number;
  advisorId: string | null;
  /** Slots starting before this are left out (now + lead time); null keeps them (statistics). */
  minStart: Date | null;
  /** Days after this are left without slots (the booking horizon); null: no limit. */
  maxDay: string | null;
};

/** A count as the grid returns it; a day without slots has none (0, as before). */
const count = col.numberOrNull.transform((n) => n ?? 0);

const slotGridRow = z
  .object({
    day: col.text,
    closure: col.textOrNull,
    no_hours: z.boolean().nullable(),
    starts_ms: col.numberOrNull,
    capacity: count,
    total: count,
    online: count,
    advisors: count,
    with_advisor: count,
    chosen_on_duty: z.boolean().nullable(),
    chosen_taken: z.boolean().nullable(),
  })
  .transform((r): SlotGridRow => ({
    day: r.day,
    closure: r.closure,
    noHours: r.no_hours === true,
    startsMs: r.starts_ms,
    capacity: r.capacity,
    total: r.total,
    online: r.online,
    advisors: r.advisors,
    withAdvisor: r.with_advisor,
    chosenOnDuty: r.chosen_on_duty === true,
    chosenTaken: r.chosen_taken === true,
  }));

/**
 * The slot grid of a store for `days` days from `from`, in one statement: the days (generate_series),
 * each weekday's opening periods from stores.opening_hours cut into slots of the store's length in the
 * tenant's time zone, closures, the advisors on duty per day (service advisors of the store, active,
 * not on leave), and the counters of booking_slots and the advisors' bookings per slot.
 *
 * The LIMITs in `slots` change no result (a day has at most 4 periods, a period at most 96 slots of 15
 * minutes) but give the planner row counts: without them it assumes 100 periods × 1000 slots per day,
 * 14 days cost over PostgreSQL's jit_above_cost, and JIT compiling took ~110 ms of a 10 ms query
 * (bench/RESULTS.md, the booking part).
 */
export const slotGrid = async (sql: SqlExecutor, input: SlotGridInput): Promise<SlotGridRow[]> => {
  const result = await sql.executeSql(
    `WITH cfg AS (
       SELECT st.opening_hours AS hours, t.timezone AS tz,
              coalesce(bs.slot_minutes, $8) AS slot_minutes, coalesce(bs.bays, $9) AS bays
         FROM stores st
         JOIN tenants t ON t.id = st.tenant_id
         LEFT JOIN booking_settings bs ON bs.tenant_id = st.tenant_id AND bs.store_id = st.id
        WHERE st.tenant_id = $1 AND st.id = $2
     ),
     days AS (
       SELECT $3::date + i AS day, (ARRAY['sun','mon','tue','wed','thu','fri','sat'])[extract(dow FROM $3::date + i)::int + 1] AS wd
         FROM generate_series(0, $4::int - 1) AS i
     ),
     duty AS (
       SELECT d.day, count(a.id)::int AS advisors, coalesce(bool_or(a.id = $5::uuid), false) AS chosen_on_duty
         FROM days d
         LEFT JOIN staff a
           ON a.tenant_id = $1 AND a.store_id = $2 AND a.role = 'service_advisor' AND a.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM advisor_leave l WHERE l.tenant_id = $1 AND l.staff_id = a.id AND l.date = d.day)
        GROUP BY d.day
     ),
     slots AS (
       SELECT d.day, gg.g AT TIME ZONE c.tz AS starts_at
         FROM days d
        CROSS JOIN cfg c
        CROSS JOIN LATERAL (
              SELECT e.value AS p FROM jsonb_array_elements(coalesce(c.hours -> d.wd, '[]'::jsonb)) AS e LIMIT 8) AS pp
        CROSS JOIN LATERAL (
              SELECT g FROM generate_series(
                d.day + (pp.p ->> 'open')::time,
                d.day + (pp.p ->> 'close')::time - make_interval(mins => c.slot_minutes),
                make_interval(mins => c.slot_minutes)) AS g LIMIT 96) AS gg
     ),
     taken AS (
       SELECT b.starts_at, count(b.advisor_id)::int AS with_advisor, coalesce(bool_or(b.advisor_id = $5::uuid), false) AS chosen_taken
         FROM bookings b
        WHERE b.tenant_id = $1 AND b.store_id = $2 AND b.status IN ('booked', 'arrived')
          AND b.starts_at >= (SELECT min(starts_at) FROM slots) AND b.starts_at <= (SELECT max(starts_at) FROM slots)
        GROUP BY b.starts_at
     )
     SELECT d.day::text AS day, cl.reason AS closure,
            jsonb_array_length(coalesce(c.hours -> d.wd, '[]'::jsonb)) = 0 AS no_hours,
            (extract(epoch FROM s.starts_at) * 1000)::float8 AS starts_ms,
            least(c.bays, du.advisors)::int AS capacity,
            coalesce(k.total, 0)::int AS total, coalesce(k.online, 0)::int AS online,
            du.advisors, du.chosen_on_duty,
            coalesce(t.with_advisor, 0)::int AS with_advisor, coalesce(t.chosen_taken, false) AS chosen_taken
       FROM days d
      CROSS JOIN cfg c
       JOIN duty du ON du.day = d.day
       LEFT JOIN store_closures cl ON cl.tenant_id = $1 AND cl.store_id = $2 AND cl.date = d.day
       LEFT JOIN slots s
         ON s.day = d.day AND cl.id IS NULL
        AND ($6::timestamptz IS NULL OR s.starts_at >= $6::timestamptz)
        AND ($7::date IS NULL OR d.day <= $7::date)
       LEFT JOIN booking_slots k ON k.tenant_id = $1 AND k.store_id = $2 AND k.starts_at = s.starts_at
       LEFT JOIN taken t ON t.starts_at = s.starts_at
      ORDER BY d.day, s.starts_at`,
    [
      input.tenantId,
      input.storeId,
      input.from,
      input.days,
      input.advisorId,
      input.minStart?.toISOString() ?? null,
      input.maxDay,
      defaultSettings.slotMinutes,
      defaultSettings.bays,
    ],
  );
  return parseRows(slotGridRow, result, 'slotGrid');
};
