import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../platform/db/types.ts';
import { inboxMessages, payments, staff, visits } from '../platform/db/schema/index.ts';
import { insertRepairOrder } from '../modules/history/history.queries.ts';
import { totalsOf } from '../modules/history/history.service.ts';
import { plateWords, visitMessages } from '../modules/visits/visits.messages.ts';
import { dayIn, defaultTimeZone } from '../platform/time/zone.ts';
import { nextRepairOrderNumber, nextServiceOf } from '../modules/visits/visits.rules.ts';
import { boundCar, labour, latestKm, minutesAgo, part, rowsOf, writeVisit, type Plan } from './demo-visits.rows.ts';

// The demo group is created in the default zone (tenants.timezone).
const demoZone = defaultTimeZone;

/**
 * Today's workshop at 上海浦东4S店: 13800000001's confirmed car in the bay with an estimate waiting for
 * the owner (and the messages that told them), three of today's booked cars checked in at different
 * stages, and 13800000002's car delivered and rated. Runs after seedDemoService (bookings, catalogue).
 */
export const seedDemoVisits = (db: Database, input: { tenantId: string; storeIds: string[]; now: Date }) =>
  db.transaction({ tenantId: input.tenantId }, async ({ db: tx, sql: txSql }) => {
    const { tenantId, now } = input;
    const storeId = input.storeIds[0];
    if (!storeId) return;
    const staffId = async (login: string) =>
      (
        await tx
          .select({ id: staff.id })
          .from(staff)
          .where(and(eq(staff.tenantId, tenantId), eq(staff.login, login)))
      )[0]?.id ?? null;
    const advisorId = await staffId('advisor');
    const cashierId = await staffId('cashier');
    const plans: Plan[] = [];

    // 13800000001: in the bay, one line agreed at the counter, two waiting for the owner in the app.
    const demo = await boundCar(tx, tenantId, '13800000001', true);
    if (demo) {
      const car = {
        vehicleId: String(demo.vehicle_id),
        customerId: String(demo.customer_id),
        bookingId: null,
        advisorId,
      };
      plans.push({
        car,
        km: (await latestKm(tx, tenantId, car.vehicleId)) + 3780,
        concerns: '仪表盘胎压报警灯亮，左前轮行驶时有异响',
        notes: '左前轮胎胎侧有鼓包；右后门轻微划痕（客户已知）',
        stages: [
          ['checked_in', 95],
          ['in_bay', 70],
        ],
        lines: [
          labour('胎压传感器及左前轮检查', 0.5, 120, 'approved', 'in_person'),
          { ...part('左前轮胎 米其林 235/45R18', 1280, 900, 'proposed'), added: true },
          { ...labour('四轮定位', 1, 260, 'proposed'), added: true },
        ],
      });
    }
    // Today's booked cars at this store, in booking order: ready, waiting for parts, just arrived.
    const booked = await rowsOf(
      tx,
      sql`SELECT id, vehicle_id, customer_id, advisor_id FROM bookings
           WHERE tenant_id = ${tenantId} AND store_id = ${storeId} AND status = 'booked'
             AND (starts_at AT TIME ZONE ${demoZone})::date = ${dayIn(now, demoZone)}::date
           ORDER BY starts_at LIMIT 3`,
    );
    const stagePlans: Omit<Plan, 'car' | 'km'>[] = [
      {
        concerns: null,
        notes: '外观无明显损伤',
        stages: [
          ['checked_in', 150],
          ['in_bay', 130],
          ['quality_check', 40],
          ['ready', 15],
        ],
        lines: [
          labour('常规保养工时', 1, 180, 'approved'),
          part('全合成机油 5W-30（4L）', 468, 300, 'approved'),
          part('机油滤清器', 85, 50, 'approved'),
        ],
      },
      {
        concerns: '空调制冷效果差，有异味',
        notes: '前保险杠右侧刮擦',
        stages: [
          ['checked_in', 120],
          ['in_bay', 100],
          ['waiting_parts', 50],
        ],
        lines: [
          labour('空调系统检测', 0.8, 150, 'approved', 'phone'),
          part('空调滤清器', 168, 90, 'approved', 'phone'),
        ],
      },
      {
        concerns: '起步时底盘有异响',
        notes: null,
        stages: [['checked_in', 20]],
        lines: [labour('底盘检查', 0.5, 100, 'draft')],
      },
    ];
    for (const [i, r] of booked.entries()) {
      const plan = stagePlans[i];
      if (!plan) break;
      const car = {
        vehicleId: String(r.vehicle_id),
        customerId: String(r.customer_id),
        bookingId: String(r.id),
        advisorId: typeof r.advisor_id === 'string' ? r.advisor_id : advisorId,
      };
      plans.push({ ...plan, car, km: (await latestKm(tx, tenantId, car.vehicleId)) + 2600 + i * 700 });
    }

    for (const p of plans) {
      const visit = await writeVisit(tx, tenantId, storeId, now, p);
      if (p.car.vehicleId !== String(demo?.vehicle_id) || !demo) continue;
      // What the owner app's 消息中心 would have received for it.
      const m = visitMessages['zh-CN'];
      const words = {
        car: plateWords(demo.plate as string | null, String(demo.vin)),
        store: '上海浦东4S店',
        greeting: '',
      };
      const proposed = p.lines.filter((l) => l.status === 'proposed');
      const messages = [
        { at: 95, ...m.stage('checked_in', { ...words, from: null, advisorName: '陈静' }) },
        { at: 70, ...m.stage('in_bay', { ...words, from: 'checked_in', advisorName: '陈静' }) },
        {
          at: 55,
          ...m.estimate(
            words,
            proposed.length,
            proposed.reduce((s, l) => s + l.amountFen, 0),
            true,
          ),
        },
      ];
      await tx.insert(inboxMessages).values(
        messages.map(({ at, title = '', body = '' }, i) => ({
          tenantId,
          ownerId: String(demo.owner_id),
          kind: 'transactional' as const,
          topic: i === 2 ? 'visit_estimate' : 'visit_status',
          title,
          body,
          link: `/visits/${visit.id}`,
          createdAt: minutesAgo(now, at),
        })),
      );
    }

    // 13800000002's car: delivered this morning, its repair order written, the next service set, rated.
    const zhou = await boundCar(tx, tenantId, '13800000002', false);
    if (!zhou) return;
    const car = {
      vehicleId: String(zhou.vehicle_id),
      customerId: String(zhou.customer_id),
      bookingId: null,
      advisorId,
    };
    const lines = [
      labour('常规保养工时', 1, 180, 'approved', 'in_person'),
      part('全合成机油 0W-20（4L）', 520, 320, 'approved', 'in_person'),
      part('机油滤清器', 85, 50, 'approved', 'in_person'),
      part('空调滤清器', 168, 90, 'declined', 'in_person'),
    ];
    const plan: Plan = {
      car,
      km: (await latestKm(tx, tenantId, car.vehicleId)) + 4650,
      concerns: '常规保养',
      notes: '外观良好',
      stages: [
        ['checked_in', 240],
        ['in_bay', 220],
        ['quality_check', 150],
        ['ready', 130],
        ['delivered', 90],
      ],
      lines,
    };
    const visit = await writeVisit(tx, tenantId, storeId, now, plan);
    const approved = lines
      .filter((l) => l.status === 'approved')
      .map((l, position) => ({
        position,
        kind: l.kind,
        description: l.description,
        partNo: null,
        quantity: 1,
        labourHours: l.labourHours ?? null,
        amountFen: l.amountFen,
        costFen: l.costFen ?? 0,
      }));
    const deliveredAt = minutesAgo(now, 90);
    const totals = totalsOf(approved);
    const repairOrderId = await insertRepairOrder(
      tx,
      {
        tenantId,
        number: await nextRepairOrderNumber({ db: tx, sql: txSql }, tenantId, dayIn(now, demoZone)),
        vehicleId: car.vehicleId,
        customerId: car.customerId,
        storeId,
        type: 'maintenance',
        dateIn: visit.checkedInAt,
        dateOut: deliveredAt,
        mileageKm: plan.km,
        advisorId,
        technician: null,
        ...totals,
        createdAt: deliveredAt,
      },
      approved,
    );
    const next = await nextServiceOf(tx, tenantId, {
      id: car.vehicleId,
      purchaseDate: (zhou.purchase_date as string | null) ?? null,
      timeZone: demoZone,
      today: dayIn(deliveredAt, demoZone),
    });
    await tx
      .update(visits)
      .set({
        deliveredAt,
        repairOrderId,
        nextServiceDate: next?.dueOn ?? null,
        nextServiceKm: next?.dueKm ?? null,
        ratingScore: 10,
        ratingComment: '服务顾问讲解很耐心，车也洗得很干净',
        ratedAt: minutesAgo(now, 60),
      })
      .where(and(eq(visits.tenantId, tenantId), eq(visits.id, visit.id)));
    await tx.insert(payments).values({
      tenantId,
      visitId: visit.id,
      method: 'wechat',
      amountFen: totals.totalFen,
      cashierId,
      paidAt: deliveredAt,
    });
  });
