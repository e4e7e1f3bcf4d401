import { and, eq, inArray } from 'drizzle-orm';
import { customerInput, vehicleInput } from '@m4s/contracts';
import type { Database, Tx } from '../platform/db/types.ts';
import { owners, staff, vehicleBindings } from '../platform/db/schema/index.ts';
import { insertCustomer, setPhones } from '../modules/customers/customers.queries.ts';
import { insertRepairOrder } from '../modules/history/history.queries.ts';
import { totalsOf } from '../modules/history/history.service.ts';
import { changeOwner, insertReading, insertVehicle } from '../modules/vehicles/vehicles.queries.ts';

type Line = {
  kind: 'labour' | 'part';
  description: string;
  quantity?: number;
  labourHours?: number;
  amountFen: number;
  costFen?: number;
};
type Visit = { day: number; km: number; type: 'maintenance' | 'general_repair' | 'warranty_claim'; lines: Line[] };

const labour = (description: string, hours: number, amountFen: number): Line => ({
  kind: 'labour',
  description,
  labourHours: hours,
  amountFen,
});
const part = (description: string, amountFen: number, costFen: number, quantity = 1): Line => ({
  kind: 'part',
  description,
  quantity,
  amountFen,
  costFen,
});

const firstService: Line[] = [
  labour('首次保养工时（厂家免费首保）', 1, 0),
  part('全合成机油 5W-30（4L）', 0, 30_000),
  part('机油滤清器', 0, 5000),
];
const service = (oil: number, extra: Line[] = []): Line[] => [
  labour('常规保养工时', 1, 18_000),
  part('全合成机油 5W-30（4L）', oil, 30_000),
  part('机油滤清器', 8500, 5000),
  ...extra,
];

/**
 * The owner-app demo: the three demo owners' phones belong to customers with a car each and a few
 * years of workshop visits. 13800000001 has its car confirmed in the app, 13800000002 is waiting for the
 * store, 13800000003 has not asked yet (the browser test binds it). Days count back from `now`.
 */
const cars = [
  {
    phone: '13800000001',
    customer: { name: '孙志强', gender: 'male' as const },
    car: {
      vin: 'LSVCB2BM4NN184627',
      plate: '沪AK2736',
      brandId: 'volkswagen',
      seriesId: 'volkswagen-passat',
      modelId: 'volkswagen-passat-2022-1',
      modelYear: 2022,
      colour: '曜石黑',
      insurer: '中国人保',
    },
    store: 0,
    purchasedDaysAgo: 850,
    insuranceInDays: 20,
    visits: [
      { day: 92, km: 4980, type: 'maintenance', lines: firstService },
      { day: 300, km: 12_460, type: 'maintenance', lines: service(46_800, [part('空气滤清器', 12_800, 7500)]) },
      {
        day: 410,
        km: 16_900,
        type: 'general_repair',
        lines: [labour('更换前刹车片工时', 1.5, 27_000), part('前刹车片（原厂）', 98_000, 62_000)],
      },
      { day: 560, km: 22_350, type: 'maintenance', lines: service(46_800, [part('空调滤清器', 16_800, 9000)]) },
      {
        day: 640,
        km: 26_100,
        type: 'warranty_claim',
        lines: [labour('更换左前车窗升降器（质保）', 1.2, 0), part('左前车窗升降器总成', 0, 0)],
      },
      { day: 735, km: 31_020, type: 'maintenance', lines: service(46_800) },
    ] satisfies Visit[],
    binding: 'confirmed' as const,
  },
  {
    phone: '13800000002',
    customer: { name: '周丽', gender: 'female' as const },
    car: {
      vin: 'LVGCB2EK3PG058213',
      plate: '沪B3M915',
      brandId: 'toyota',
      seriesId: 'toyota-camry',
      modelId: 'toyota-camry-2023-1',
      modelYear: 2023,
      colour: '珍珠白',
      insurer: '平安保险',
    },
    store: 0,
    purchasedDaysAgo: 420,
    insuranceInDays: 310,
    visits: [
      { day: 95, km: 4820, type: 'maintenance', lines: firstService },
      { day: 290, km: 11_050, type: 'maintenance', lines: service(52_000) },
    ] satisfies Visit[],
    binding: 'pending' as const,
  },
  {
    phone: '13800000003',
    customer: { name: '吴刚', gender: 'male' as const },
    car: {
      vin: 'LGXCE4CB9PA371958',
      plate: '浙AD62158',
      brandId: 'byd',
      seriesId: 'byd-han',
      modelId: 'byd-han-2023-2',
      modelYear: 2023,
      colour: '星空灰',
      insurer: '太平洋保险',
    },
    store: 1,
    purchasedDaysAgo: 560,
    insuranceInDays: 170,
    visits: [
      {
        day: 110,
        km: 5300,
        type: 'maintenance',
        lines: [labour('首次保养检查（厂家免费）', 0.5, 0), part('空调滤清器', 0, 6000)],
      },
      {
        day: 380,
        km: 17_200,
        type: 'maintenance',
        lines: [labour('定期保养检查', 0.8, 12_000), part('空调滤清器', 13_800, 6000), part('玻璃水', 2000, 800, 2)],
      },
      {
        day: 470,
        km: 21_400,
        type: 'general_repair',
        lines: [labour('四轮定位', 1, 26_000), part('轮胎动平衡块', 3000, 1000)],
      },
    ] satisfies Visit[],
    binding: null,
  },
];

const dayMs = 86_400_000;
const dayOf = (now: Date, daysAgo: number) => new Date(now.getTime() - daysAgo * dayMs).toISOString().slice(0, 10);
const yymmdd = (day: string) => day.replace(/-/g, '').slice(2);

const staffIdOf = async (tx: Tx, tenantId: string, login: string) => {
  const [row] = await tx
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.tenantId, tenantId), eq(staff.login, login)));
  return row?.id ?? null;
};

export const seedDemoGarage = (db: Database, input: { tenantId: string; storeIds: string[]; now: Date }) =>
  db.transaction({ tenantId: input.tenantId }, async ({ db: tx }) => {
    const { tenantId, now } = input;
    const advisorId = await staffIdOf(tx, tenantId, 'advisor');
    const salesId = await staffIdOf(tx, tenantId, 'sales');
    const accounts = await tx
      .select({ id: owners.id, phone: owners.phone })
      .from(owners)
      .where(
        and(
          eq(owners.tenantId, tenantId),
          inArray(
            owners.phone,
            cars.map((c) => c.phone),
          ),
        ),
      );
    for (const [n, c] of cars.entries()) {
      const storeId = input.storeIds[c.store] ?? input.storeIds[0] ?? null;
      const customer = await insertCustomer(
        tx,
        tenantId,
        {
          ...customerInput.parse({ ...c.customer, phones: [c.phone], source: 'walk_in' }),
          homeStoreId: storeId,
          serviceAdvisorId: advisorId,
          salesConsultantId: salesId,
        },
        now,
      );
      await setPhones(tx, tenantId, customer.id, [c.phone], now);
      const purchaseDate = dayOf(now, c.purchasedDaysAgo);
      const inspection = new Date(`${purchaseDate}T00:00:00Z`);
      inspection.setUTCFullYear(inspection.getUTCFullYear() + 6);
      const vehicleId = await insertVehicle(
        tx,
        tenantId,
        vehicleInput.parse({
          ...c.car,
          purchaseDate,
          sellingStoreId: storeId,
          insurancePolicyNo: `PDAA${purchaseDate.slice(0, 4)}3101${String(880_000 + n)}`,
          insuranceExpiry: dayOf(now, -c.insuranceInDays),
          inspectionDue: inspection.toISOString().slice(0, 10),
          ownerId: customer.id,
        }),
        now,
      );
      await changeOwner(tx, { tenantId, vehicleId, customerId: customer.id, date: purchaseDate });
      for (const [i, v] of c.visits.entries()) {
        const day = dayOf(now, c.purchasedDaysAgo - v.day);
        const lines = v.lines.map((l) => ({ partNo: null, quantity: 1, labourHours: null, costFen: 0, ...l }));
        await insertRepairOrder(
          tx,
          {
            tenantId,
            number: `RO${yymmdd(day)}-${c.store === 0 ? 'PD' : 'XH'}${String(n * 10 + i + 1).padStart(3, '0')}`,
            vehicleId,
            customerId: customer.id,
            storeId,
            type: v.type,
            dateIn: new Date(`${day}T01:30:00Z`),
            dateOut: new Date(`${day}T07:00:00Z`),
            mileageKm: v.km,
            advisorId,
            technician: ['周师傅', '王师傅', '郑师傅'][i % 3] ?? null,
            ...totalsOf(lines),
            createdAt: now,
          },
          lines.map((l, position) => ({ ...l, position })),
        );
        await insertReading(tx, {
          tenantId,
          vehicleId,
          readAt: new Date(`${day}T01:30:00Z`),
          km: v.km,
          source: 'check_in',
          createdAt: now,
        });
      }
      const ownerId = accounts.find((a) => a.phone === c.phone)?.id;
      if (!ownerId || !c.binding) continue;
      const requestedAt = new Date(now.getTime() - (c.binding === 'confirmed' ? 120 : 1) * dayMs);
      await tx.insert(vehicleBindings).values({
        tenantId,
        ownerId,
        vehicleId,
        status: c.binding,
        requestedAt,
        ...(c.binding === 'confirmed'
          ? { decidedBy: advisorId, decidedAt: new Date(requestedAt.getTime() + 2 * 3600_000) }
          : {}),
      });
    }
  });
