import { defaultWarranty, type CareRuleKey, type CareTiming } from '@m4s/contracts';
import { maintenanceWork } from '../../platform/db/maintenance-work.ts';

/**
 * Each swept rule's selection: the customers/vehicles whose anchor + offset falls on the local day (the
 * maintenance chase: whose step has come by the day, chaseSelection).
 * Parameters: $1 tenant, $2 the local day (date), $3 the tenant's time zone. Columns: customer_id,
 * vehicle_id, store_id, assignee_id, anchor_on (date), due_at (timestamptz), items (text).
 * Timing values are validated whole numbers (ruleIssues), so they are written into the text.
 */
const n = (timing: CareTiming, name: string, fallback: number) => Math.trunc(Number(timing[name] ?? fallback));

/** A local wall-clock time on day `day` in the tenant's zone. */
const at = (day: string, hour: number) => `((${day} + make_time(${hour}, 0, 0)) AT TIME ZONE $3)`;
const D = '$2::date';
/** The start and end of the local day D. */
const dayStart = at(D, 0);
const dayEnd = at(`(${D} + 1)`, 0);
/** The car's odometer forecast on a day: classification keeps it as of computed_on, km/day carries it on. */
const kmOn = (day: string) => `(vs.estimated_km + COALESCE(vs.km_per_day, 0) * (${day} - vs.computed_on))`;
/** Messages go out in the morning; calls are due at 09:00 (the gate moves them into the preferred slot, outside quiet hours). */
export const messageHour = 10;
export const callHour = 9;

/** The customer a vehicle belongs to now. */
const vehicleCols = (anchor: string, hour: number, store = 'v.selling_store_id', assignee = 'NULL::uuid') =>
  `v.owner_id AS customer_id, v.id AS vehicle_id, ${store} AS store_id, ${assignee} AS assignee_id,
   ${anchor} AS anchor_on, ${at(D, hour)} AS due_at, NULL::text AS items`;

const deliveries = (days: number, hour: number, assignee: string) => `
  SELECT so.customer_id, so.vehicle_id, so.store_id, ${assignee} AS assignee_id, so.delivery_date AS anchor_on,
         ${at(D, hour)} AS due_at, NULL::text AS items
    FROM sales_orders so JOIN customers c0 ON c0.tenant_id = $1 AND c0.id = so.customer_id
   WHERE so.tenant_id = $1 AND so.delivery_date = ${D} - ${days}`;

export const ruleSelection = (key: CareRuleKey, timing: CareTiming, hourOf: 'message' | 'call'): string | null => {
  const hour = hourOf === 'call' ? callHour : messageHour;
  switch (key) {
    case 'delivery_care': {
      // From the recorded hand-over; an order with only its date counts from 16:00 local that day.
      const hours = n(timing, 'hoursAfter', 2);
      const due = `(COALESCE(so.delivered_at, ${at('so.delivery_date', 16)}) + make_interval(hours => ${hours}))`;
      return `
  SELECT so.customer_id, so.vehicle_id, so.store_id, so.consultant_id AS assignee_id, so.delivery_date AS anchor_on,
         ${due} AS due_at, NULL::text AS items
    FROM sales_orders so
   WHERE so.tenant_id = $1 AND so.delivery_date BETWEEN ${D} - ${Math.ceil(hours / 24) + 1} AND ${D}
     AND ${due} >= ${dayStart} AND ${due} < ${dayEnd}`;
    }
    case 'follow_up_3d':
      return deliveries(n(timing, 'daysAfter', 3), hour, 'so.consultant_id');
    case 'follow_up_7d':
      return deliveries(n(timing, 'daysAfter', 7), hour, 'NULL::uuid');
    case 'follow_up_1m':
      return deliveries(n(timing, 'daysAfter', 30), hour, 'c0.service_advisor_id');
    case 'first_maintenance':
    case 'next_service':
      // The chase (chaseSelection below): one step per car and basis, staged in two parts by sweep.ts.
      return chaseSelection(key, timing, 'message');
    case 'post_repair': {
      // `hoursAfter` the car left the workshop (seed 002: within 24 hours); the gate puts the call in the
      // customer's slot outside their quiet hours.
      const hours = `make_interval(hours => ${n(timing, 'hoursAfter', 24)})`;
      return `
  SELECT r.customer_id, r.vehicle_id, r.store_id, NULL::uuid AS assignee_id, (r.date_out AT TIME ZONE $3)::date AS anchor_on,
         r.date_out + ${hours} AS due_at, NULL::text AS items
    FROM repair_orders r
   WHERE r.tenant_id = $1 AND r.date_out >= ${dayStart} - ${hours} AND r.date_out < ${dayEnd} - ${hours}`;
    }
    case 'insurance_30d':
    case 'insurance_7d':
      return `
  SELECT ${vehicleCols('v.insurance_expiry', hour)} FROM vehicles v
   WHERE v.tenant_id = $1 AND v.owner_id IS NOT NULL AND v.insurance_expiry = ${D} + ${n(timing, 'daysBefore', 30)}`;
    case 'inspection_due':
      return `
  SELECT ${vehicleCols('v.inspection_due', hour)} FROM vehicles v
   WHERE v.tenant_id = $1 AND v.owner_id IS NOT NULL AND v.inspection_due = ${D} + ${n(timing, 'daysBefore', 30)}`;
    case 'warranty_expiry': {
      // The warranty ends on the first of: its years after purchase, or the day the forecast odometer
      // reaches its km (the car's terms, else the brand's, else the default — vehicles/mileage.ts
      // effectiveWarranty). The reminder goes once per car, `daysBefore` ahead of that end — or, when new
      // readings moved the forecast today (computed_on) past that day, at once — and never to a car already
      // out of warranty by time or by mileage: the message promises free repair.
      const years = `COALESCE(v.warranty_years, b.warranty_years, ${defaultWarranty.years})`;
      const km = `CASE WHEN v.warranty_km IS NOT NULL THEN v.warranty_km
        WHEN v.warranty_years IS NULL AND b.warranty_years IS NOT NULL THEN b.warranty_km ELSE ${defaultWarranty.km} END`;
      const byTime = `(v.purchase_date + make_interval(years => ${years}))::date`;
      const byKm = `CASE WHEN vs.km_per_day > 0 AND vs.estimated_km IS NOT NULL
        THEN ${D} + ceil(((${km}) - ${kmOn(D)}) / vs.km_per_day)::int END`;
      const ends = `LEAST(${byTime}, ${byKm})`;
      return `
  SELECT ${vehicleCols(ends, hour)}
    FROM vehicles v LEFT JOIN car_brands b ON b.id = v.brand_id
    LEFT JOIN vehicle_segments vs ON vs.tenant_id = $1 AND vs.vehicle_id = v.id
   WHERE v.tenant_id = $1 AND v.owner_id IS NOT NULL AND v.purchase_date IS NOT NULL
     AND ${byTime} > ${D}
     AND (${ends} = ${D} + ${n(timing, 'daysBefore', 30)}
          OR (vs.computed_on = ${D} AND ${ends} > ${D} AND ${ends} < ${D} + ${n(timing, 'daysBefore', 30)}))
     AND (vs.estimated_km IS NULL OR ${kmOn(D)} < (${km}))
     AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.tenant_id = $1 AND t.customer_id = v.owner_id
                        AND t.rule_key = 'warranty_expiry' AND t.vehicle_id = v.id)`;
    }
    case 'birthday': {
      const on = `(${D} + ${n(timing, 'daysBefore', 0)})`;
      // 29 February birthdays are greeted on 28 February in common years.
      return `
  SELECT c.id AS customer_id, NULL::uuid AS vehicle_id, c.home_store_id AS store_id, NULL::uuid AS assignee_id,
         ${on} AS anchor_on, ${at(D, hour)} AS due_at, NULL::text AS items
    FROM customers c
   WHERE c.tenant_id = $1 AND c.birthday IS NOT NULL
     AND (to_char(c.birthday, 'MM-DD') = to_char(${on}, 'MM-DD')
          OR (to_char(c.birthday, 'MM-DD') = '02-29' AND to_char(${on} + 1, 'MM-DD') = '03-01'))`;
    }
    case 'win_back': {
      // Seed 002's D class: `monthsWithout` months without a visit, then every `everyMonths` months, `steps`
      // times (default 6, 9 and 12): each step once, anchored on the nominal step day (the last visit +
      // its months, so the days a month end clamps to are one step). The visits of the day that many months
      // ago (an index range), kept where nothing came after — not a sort of every repair order. Customers
      // flagged seasonal are not won back (they come back with their season).
      const first = n(timing, 'monthsWithout', 6);
      const every = n(timing, 'everyMonths', 3);
      const steps = Array.from({ length: Math.max(1, n(timing, 'steps', 3)) }, (_, i) => first + i * every);
      return steps
        .map((months) => {
          const since = `(${D} - make_interval(months => ${months}))::date`;
          return `
  SELECT l.customer_id, l.vehicle_id, l.store_id, c0.service_advisor_id AS assignee_id,
         (${since} + make_interval(months => ${months}))::date AS anchor_on, ${at(D, hour)} AS due_at, NULL::text AS items
    FROM (SELECT DISTINCT ON (r.customer_id) r.customer_id, r.vehicle_id, r.store_id, r.date_in
            FROM repair_orders r
           WHERE r.tenant_id = $1 AND r.date_in >= ${at(since, 0)} AND r.date_in < ${at(`(${since} + 1)`, 0)}
           ORDER BY r.customer_id, r.date_in DESC) l
    JOIN customers c0 ON c0.tenant_id = $1 AND c0.id = l.customer_id AND NOT c0.seasonal
   WHERE NOT EXISTS (SELECT 1 FROM repair_orders r2
                      WHERE r2.tenant_id = $1 AND r2.customer_id = l.customer_id AND r2.date_in > l.date_in)`;
        })
        .join('\n  UNION ALL');
    }
    case 'trade_in': {
      // A trade-in candidate (seed 001 L1175): `years` old or over `km` on the forecast odometer. The first
      // call comes the day the car becomes one — its `years` anniversary (classification's stage follows a
      // day later: it reads 超过5年 as "over"), or the day the forecast passes `km` — then every
      // `everyMonths` on the purchase anniversary while it still is one.
      const years = n(timing, 'years', 5);
      const km = n(timing, 'km', 150000);
      const every = n(timing, 'everyMonths', 12);
      const age = `age(${D}, v.purchase_date)`;
      const months = `(extract(year FROM ${age}) * 12 + extract(month FROM ${age}))::int`;
      const anniversary = `extract(day FROM ${age}) = 0`;
      // Over `km` (超过15万公里), as classification's trade_in stage reads it.
      const byKm = `(vs.estimated_km IS NOT NULL AND ${kmOn(D)} > ${km})`;
      const crossedToday = `(${byKm} AND ${kmOn(`(${D} - 1)`)} <= ${km})`;
      return `
  SELECT ${vehicleCols(D, hour)}
    FROM vehicles v LEFT JOIN vehicle_segments vs ON vs.tenant_id = $1 AND vs.vehicle_id = v.id
   WHERE v.tenant_id = $1 AND v.owner_id IS NOT NULL AND v.purchase_date < ${D}
     AND (v.purchase_date <= (${D} - make_interval(years => ${years}))::date OR ${byKm})
     AND (CASE WHEN ${months} >= ${years * 12}
               THEN ${anniversary} AND (${months} - ${years * 12}) % ${every} = 0
               ELSE ${crossedToday} OR (${anniversary} AND ${months} > 0 AND ${months} % ${every} = 0 AND ${byKm}) END)`;
    }
    case 'churn_prevention': {
      const from = n(timing, 'fromMonth', 12);
      const start = `(v.purchase_date + make_interval(months => ${from}))::date`;
      // Once per car (the anchor is the start of its second year): on the day the car enters the window
      // with a swing owner or an owner who never came back (no workshop visit of the car since its
      // purchase: read from the repair orders), or the day its owner turns swing inside it — never every
      // car already inside, which on a first night was 149,423 calls at a million customers. A first
      // classification is no move.
      return `
  SELECT ${vehicleCols(start, hour)}
    FROM vehicles v LEFT JOIN customer_segments cg ON cg.tenant_id = $1 AND cg.customer_id = v.owner_id
   WHERE v.tenant_id = $1 AND v.owner_id IS NOT NULL
     AND v.purchase_date <= ${D} - make_interval(months => ${from})
     AND v.purchase_date > ${D} - make_interval(months => ${n(timing, 'toMonth', 24)})
     AND ((${start} = ${D}
           AND (cg.frequency IN ('swing', 'swing_to_churn')
                OR NOT EXISTS (SELECT 1 FROM repair_orders r WHERE r.tenant_id = $1 AND r.vehicle_id = v.id
                                  AND r.date_in >= ${at('v.purchase_date', 0)})))
          OR (cg.frequency IN ('swing', 'swing_to_churn')
              AND EXISTS (SELECT 1 FROM segment_changes sc
                      WHERE sc.tenant_id = $1 AND sc.dimension = 'frequency' AND sc.changed_on = ${D}
                        AND sc.subject_kind = 'customer' AND sc.subject_id = v.owner_id
                        AND sc.from_value IS NOT NULL AND sc.to_value IN ('swing', 'swing_to_churn'))))`;
    }
    case 'declined_service': {
      const back = `${D} - ${n(timing, 'daysAfter', 30)}`;
      return `
  SELECT vi.customer_id, vi.vehicle_id, vi.store_id, vi.advisor_id AS assignee_id, ${back} AS anchor_on,
         ${at(D, hour)} AS due_at, string_agg(e.description, '、' ORDER BY vi.id, e.position) AS items
    FROM estimate_lines e JOIN visits vi ON vi.tenant_id = $1 AND vi.id = e.visit_id
   WHERE e.tenant_id = $1 AND e.status = 'declined'
     AND e.decided_at >= ${at(back, 0)} AND e.decided_at < ${at(`(${back} + 1)`, 0)}
   GROUP BY vi.customer_id, vi.vehicle_id, vi.store_id, vi.advisor_id`;
    }
    case 'booking_reminder':
      return null;
  }
};

/** The maintenance chase's steps, in order; `call` hands the car to its service advisor and ends the chase. */
export const chaseSteps = ['before', 'due', 'after1', 'after2', 'call'] as const;
export type ChaseStep = (typeof chaseSteps)[number];

/** Each step's day relative to the due day (the rule's timing; defaults in rules.ts). */
export const chaseOffsets = (timing: CareTiming): Record<ChaseStep, number> => ({
  before: -n(timing, 'daysBefore', 7),
  due: 0,
  after1: n(timing, 'afterDays1', 14),
  after2: n(timing, 'afterDays2', 42),
  call: n(timing, 'callAfterDays', 49),
});

/**
 * The maintenance chase of first_maintenance and next_service (issue 11 point 3). A car whose service is
 * due (from vehicle_segments: predicted_service_on, the first or a later one) and not yet booked — no
 * booking to come, no open visit; a maintenance since moves the basis and so ends the chase — gets the
 * LATEST step whose day has come: a week before, on the day, +14 days, +42 days (messages), then +49 days
 * an advisor's call task. Selected by range up to the day, not equality: a night that did not run is
 * caught up, and a car first seen overdue gets the step it is at (not every step it missed). Each step is
 * keyed `${rule}:${car}:${basis}:${step}` (the basis is the day the forecast counts from, so a forecast
 * moved by new readings never repeats a step) and a step already in `touches` is not selected again.
 * Cars overdue by more than `stopAfterDays` are left to win-back. Columns as ruleSelection, plus
 * dedupe_key. `part`: the message steps, or the call step (channel call, the customer's service advisor).
 */
export const chaseSelection = (
  key: 'first_maintenance' | 'next_service',
  timing: CareTiming,
  part: 'message' | 'call',
): string => {
  const o = chaseOffsets(timing);
  const stop = n(timing, 'stopAfterDays', 365);
  const hour = part === 'call' ? callHour : messageHour;
  // The two parts read disjoint ranges of due days (one index range each, no car read twice): the call
  // for cars at least callAfterDays overdue, the messages for the rest.
  const [from, to] =
    part === 'call' ? [`${D} - ${stop}`, `${D} - ${o.call}`] : [`${D} - ${o.call - 1}`, `${D} + ${-o.before}`];
  // A car with no classification yet (first_service unknown, no forecast): its first service from the
  // purchase by its brand's interval, else the rule's months / km (3 months / 5,000 km by default).
  const fallbackDue = `LEAST((v.purchase_date + make_interval(months => coalesce(si.first_months, ${n(timing, 'months', 3)})))::date,
        CASE WHEN vs.km_per_day > 0 THEN v.purchase_date + ceil(coalesce(si.first_km, ${n(timing, 'km', 5000)}) / vs.km_per_day)::int END)`;
  const cars =
    key === 'first_maintenance'
      ? `
    SELECT v.id AS vehicle_id, v.owner_id, v.selling_store_id, vs.predicted_service_on AS due_on,
           coalesce(vs.service_basis_on, v.purchase_date) AS basis_on
      FROM vehicle_segments vs JOIN vehicles v ON v.tenant_id = $1 AND v.id = vs.vehicle_id
     WHERE vs.tenant_id = $1 AND vs.first_service
       AND vs.predicted_service_on BETWEEN ${from} AND ${to}
    UNION ALL
    SELECT v.id, v.owner_id, v.selling_store_id, ${fallbackDue}, v.purchase_date
      FROM vehicles v
      LEFT JOIN vehicle_segments vs ON vs.tenant_id = $1 AND vs.vehicle_id = v.id
      LEFT JOIN service_intervals si ON si.tenant_id = $1 AND si.brand_id = v.brand_id AND si.series_id IS NULL
     WHERE v.tenant_id = $1 AND v.purchase_date > ${D} - ${stop} - 366 AND v.purchase_date <= ${D}
       AND vs.first_service IS NULL AND vs.predicted_service_on IS NULL
       AND NOT EXISTS (SELECT 1 FROM repair_orders r WHERE r.tenant_id = $1 AND r.vehicle_id = v.id
                          AND r.date_in >= v.purchase_date AND ${maintenanceWork('r', '$1')})`
      : `
    SELECT v.id AS vehicle_id, v.owner_id, v.selling_store_id, vs.predicted_service_on AS due_on,
           coalesce(vs.service_basis_on, vs.predicted_service_on) AS basis_on
      FROM vehicle_segments vs JOIN vehicles v ON v.tenant_id = $1 AND v.id = vs.vehicle_id
     WHERE vs.tenant_id = $1 AND vs.first_service IS NOT TRUE
       AND vs.predicted_service_on BETWEEN ${from} AND ${to}`;
  const step = `CASE WHEN ${D} >= k.due_on + ${o.call} THEN 'call'
                     WHEN ${D} >= k.due_on + ${o.after2} THEN 'after2'
                     WHEN ${D} >= k.due_on + ${o.after1} THEN 'after1'
                     WHEN ${D} >= k.due_on THEN 'due' ELSE 'before' END`;
  return `
  SELECT s.customer_id, s.vehicle_id, s.store_id, s.assignee_id, s.anchor_on, s.due_at, NULL::text AS items,
         s.dedupe_key
    FROM (SELECT k.owner_id AS customer_id, k.vehicle_id, k.selling_store_id AS store_id,
                 ${part === 'call' ? 'c.service_advisor_id' : 'NULL::uuid'} AS assignee_id, k.due_on AS anchor_on,
                 ${at(D, hour)} AS due_at,
                 '${key}:' || k.vehicle_id::text || ':' || k.basis_on::text || ':' || ${step} AS dedupe_key,
                 ${step} AS step
            FROM (${cars}) k
            JOIN customers c ON c.tenant_id = $1 AND c.id = k.owner_id
           WHERE k.due_on IS NOT NULL AND k.due_on + ${o.before} <= ${D}
             -- Booked: a booking still to come for the car; or in the workshop now.
             -- (bookings_vehicle_booked_idx; an arrived booking has its open visit, the next check)
             AND NOT EXISTS (SELECT 1 FROM bookings b
                              WHERE b.tenant_id = $1 AND b.vehicle_id = k.vehicle_id AND b.status = 'booked'
                                AND b.starts_at >= ${at(D, 0)})
             AND NOT EXISTS (SELECT 1 FROM visits vi
                              WHERE vi.tenant_id = $1 AND vi.vehicle_id = k.vehicle_id AND vi.status <> 'delivered')) s
   WHERE s.step ${part === 'call' ? "= 'call'" : "<> 'call'"}
     AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.tenant_id = $1 AND t.dedupe_key = s.dedupe_key)`;
};
