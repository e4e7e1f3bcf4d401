import { and, eq, inArray } from 'drizzle-orm';
import type { ServiceCategory } from '@m4s/contracts';
import { z } from 'zod';
import { nonceUuidSql } from '../platform/db/ids.ts';
import { oneRow } from '../platform/db/rows.ts';
import type { Database } from '../platform/db/types.ts';
import { bookingSettings, serviceTypes, staff, storeClosures } from '../platform/db/schema/index.ts';
import { addDays, defaultTimeZone, localOf } from '../platform/time/zone.ts';

type TypeSeed = [
  code: string,
  name: string,
  category: ServiceCategory,
  minutes: number,
  minYuan: number,
  maxYuan: number,
  bring: string,
];

/** The group's 服务项目: typical durations and price ranges (yuan here, fen in the table). */
const catalogue: TypeSeed[] = [
  ['FIRST', '首次保养', 'first_maintenance', 60, 0, 300, '行驶证、保养手册、购车发票'],
  ['MAINT', '常规保养', 'maintenance', 90, 480, 1280, '行驶证、保养手册'],
  ['REPAIR', '维修', 'repair', 180, 300, 5000, '行驶证'],
  ['AC', '空调检测', 'inspection', 45, 0, 380, '行驶证'],
  ['TYRE', '轮胎更换', 'tyre', 60, 600, 3600, '行驶证、轮毂锁钥匙'],
  ['WASH', '洗车美容', 'wash', 60, 80, 680, '请提前取出车内贵重物品'],
  ['ACCIDENT', '事故车定损', 'accident', 120, 0, 0, '行驶证、驾驶证、保险单、事故认定书'],
];

/**
 * With one advisor a store could take one car per slot and the app none: each store gets four (Pudong's
 * first is the demo's `advisor`). The demo creates them with its people; alone (in tests) this seed does.
 */
export const demoAdvisors: { store: 0 | 1; login: string; name: string; phone: string }[] = [
  { store: 0, login: 'advisor2', name: '黄磊', phone: '13900000012' },
  { store: 0, login: 'advisor3', name: '吴婷', phone: '13900000013' },
  { store: 0, login: 'advisor4', name: '徐斌', phone: '13900000014' },
  { store: 1, login: 'advisor.hz1', name: '郑浩', phone: '13900000021' },
  { store: 1, login: 'advisor.hz2', name: '孙丽', phone: '13900000022' },
  { store: 1, login: 'advisor.hz3', name: '马超', phone: '13900000023' },
  { store: 1, login: 'advisor.hz4', name: '何敏', phone: '13900000024' },
];

/** Fixed-date public holidays the stores close for (春节 moves; the admin adds it each year). */
const holidays: [mmdd: string, reason: string][] = [
  ['01-01', '元旦放假'],
  ['05-01', '劳动节放假'],
  ['10-01', '国庆节放假'],
];

/** The next two holidays strictly after `after` (YYYY-MM-DD). */
const nextHolidays = (after: string) => {
  const year = Number(after.slice(0, 4));
  return [year, year + 1]
    .flatMap((y) => holidays.map(([mmdd, reason]) => ({ date: `${y}-${mmdd}`, reason })))
    .filter((h) => h.date > after)
    .slice(0, 2);
};

/** Today's and tomorrow's bookings: [day offset, store, local time, service code, advisor index|null]. */
const plan: [day: 0 | 1, store: 0 | 1, time: string, code: string, advisor: number | null][] = [
  [0, 0, '09:00', 'MAINT', 0],
  [0, 0, '09:30', 'AC', 1],
  [0, 0, '10:30', 'REPAIR', null],
  [0, 0, '14:00', 'TYRE', 2],
  [0, 0, '15:30', 'WASH', null],
  [0, 1, '10:00', 'MAINT', 0],
  [0, 1, '14:30', 'ACCIDENT', null],
  [1, 0, '10:00', 'REPAIR', 1],
  [1, 0, '11:00', 'FIRST', null],
  [1, 0, '14:30', 'MAINT', 3],
  [1, 1, '09:30', 'TYRE', 1],
  [1, 1, '15:00', 'MAINT', null],
];

/**
 * Booking demo data: the catalogue, both stores' capacity (30-minute slots, 4 bays, 20% kept for
 * walk-ins, 50% online), their advisors, two holiday closures, and bookings for today and tomorrow so
 * that the advisor board and the admin calendar have content — 13800000001's confirmed car among them,
 * booked in the app for tomorrow 09:30. Counters (booking_slots) are written to match.
 */
export const seedDemoService = async (db: Database, input: { tenantId: string; storeIds: string[]; now: Date }) => {
  const { tenantId, storeIds, now } = input;
  const today = localOf(now, defaultTimeZone).day;
  await db.transaction({ tenantId }, async ({ db: tx, sql }) => {
    const types = await tx
      .insert(serviceTypes)
      .values(
        catalogue.map(([code, name, category, durationMinutes, min, max, bring], position) => ({
          tenantId,
          code,
          name,
          category,
          durationMinutes,
          priceMinFen: min * 100,
          priceMaxFen: max * 100,
          bring,
          position,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: serviceTypes.id, code: serviceTypes.code });
    const typeId = (code: string) => types.find((t) => t.code === code)?.id ?? '';
    await tx.insert(bookingSettings).values(
      storeIds.map((storeId) => ({
        tenantId,
        storeId,
        slotMinutes: 30,
        bays: 4,
        walkInSharePct: 20,
        onlineSharePct: 50,
        leadMinutes: 60,
        horizonDays: 30,
        updatedAt: now,
      })),
    );
    await tx
      .insert(storeClosures)
      .values(storeIds.flatMap((storeId) => nextHolidays(addDays(today, 1)).map((h) => ({ tenantId, storeId, ...h }))));

    const [first] = await tx
      .select({ passwordHash: staff.passwordHash, id: staff.id })
      .from(staff)
      .where(and(eq(staff.tenantId, tenantId), eq(staff.login, 'advisor')));
    const existing = await tx
      .select({ id: staff.id, storeId: staff.storeId, login: staff.login })
      .from(staff)
      .where(
        and(
          eq(staff.tenantId, tenantId),
          inArray(
            staff.login,
            demoAdvisors.map((a) => a.login),
          ),
        ),
      );
    const missing = demoAdvisors.filter((a) => !existing.some((e) => e.login === a.login));
    const inserted =
      missing.length === 0
        ? []
        : await tx
            .insert(staff)
            .values(
              missing.map((a) => ({
                tenantId,
                storeId: storeIds[a.store] ?? null,
                login: a.login,
                name: a.name,
                phone: a.phone,
                role: 'service_advisor' as const,
                // The demo's one password: the first advisor's hash (unusable when there is none, as in tests).
                passwordHash: first?.passwordHash ?? '!',
                createdAt: now,
                updatedAt: now,
                passwordChangedAt: now,
              })),
            )
            .returning({ id: staff.id, storeId: staff.storeId, login: staff.login });
    const added = demoAdvisors.flatMap((a) => [...existing, ...inserted].filter((e) => e.login === a.login));
    const advisorsOf = (store: number) => [
      ...(store === 0 && first ? [first.id] : []),
      ...added.filter((a) => a.storeId === storeIds[store]).map((a) => a.id),
    ];

    // 13800000001's confirmed car first, then other customers' cars (the generator's, when there are any).
    const demoCar = await sql.executeSql(
      `SELECT v.id AS vehicle_id, v.owner_id AS customer_id, o.id AS owner_id
         FROM vehicle_bindings b JOIN owners o ON o.tenant_id = b.tenant_id AND o.id = b.owner_id
         JOIN vehicles v ON v.tenant_id = b.tenant_id AND v.id = b.vehicle_id
        WHERE b.tenant_id = $1 AND o.phone = '13800000001' AND b.status = 'confirmed' AND v.owner_id IS NOT NULL`,
      [tenantId],
    );
    const others = await sql.executeSql(
      `SELECT v.id AS vehicle_id, v.owner_id AS customer_id FROM vehicles v
        WHERE v.tenant_id = $1 AND v.owner_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM vehicle_bindings b WHERE b.tenant_id = v.tenant_id AND b.vehicle_id = v.id)
        ORDER BY v.created_at, v.id LIMIT $2`,
      [tenantId, plan.length],
    );
    const rows: {
      day: string;
      store: number;
      time: string;
      code: string;
      advisor: string | null;
      car: Record<string, unknown>;
      app: boolean;
    }[] = [];
    const own = demoCar.rows[0];
    if (own)
      rows.push({
        day: addDays(today, 1),
        store: 0,
        time: '09:30',
        code: 'MAINT',
        advisor: first?.id ?? null,
        car: own,
        app: true,
      });
    for (const [i, [offset, store, time, code, advisor]] of plan.entries()) {
      const car = others.rows[i];
      if (!car) break;
      const pick = advisor === null ? null : (advisorsOf(store)[advisor] ?? null);
      rows.push({ day: addDays(today, offset), store, time, code, advisor: pick, car, app: false });
    }
    // The tenant's zone read first: a VALUES insert names its tenant (an INSERT … SELECT from the tenants
    // table alone goes through the Citus coordinator, which row-level security refuses).
    const zone = oneRow(
      z.object({ timezone: z.string() }),
      await sql.executeSql(`SELECT timezone FROM tenants WHERE id = $1`, [tenantId]),
      'demo bookings: zone',
    ).timezone;
    for (const r of rows) {
      const type = catalogue.find((c) => c[0] === r.code);
      await sql.executeSql(
        `INSERT INTO bookings (tenant_id, store_id, customer_id, vehicle_id, owner_id, service_type_id, advisor_id,
                               starts_at, ends_at, channel, concerns, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, ($8::date + $9::time) AT TIME ZONE $14,
                 (($8::date + $9::time) AT TIME ZONE $14) + make_interval(mins => $10::int), $11, $12, $13, $13)`,
        [
          tenantId,
          storeIds[r.store],
          r.car.customer_id,
          r.car.vehicle_id,
          r.app ? r.car.owner_id : null,
          typeId(r.code),
          r.advisor,
          r.day,
          r.time,
          type?.[3] ?? 60,
          r.app ? 'app' : 'phone',
          r.code === 'REPAIR' ? '起步时底盘有异响' : r.code === 'AC' ? '空调制冷效果差，有异味' : null,
          now.toISOString(),
          zone,
        ],
      );
    }
    // The slot counters as the bookings would have left them (each slot's id an expression of it: a volatile
    // default would send the statement through the Citus coordinator).
    await sql.executeSql(
      `INSERT INTO booking_slots (tenant_id, id, store_id, starts_at, total, online)
       SELECT tenant_id, ${nonceUuidSql("'demo-slot'", 'store_id::text || starts_at::text')}, store_id, starts_at, count(*),
              count(*) FILTER (WHERE channel = 'app')
         FROM bookings WHERE tenant_id = $1 AND status IN ('booked', 'arrived')
        GROUP BY tenant_id, store_id, starts_at
       ON CONFLICT (tenant_id, store_id, starts_at) DO UPDATE SET total = excluded.total, online = excluded.online`,
      [tenantId],
    );
  });
};
