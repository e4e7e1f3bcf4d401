import { tenantCreateBody, type OpeningHours, type Role } from '@m4s/contracts';
import { publishedDemoPassword } from '../config.ts';
import { hashPassword } from '../platform/auth/crypto.ts';
import type { Database } from '../platform/db/types.ts';
import { departments, owners } from '../platform/db/schema/index.ts';
import { insertStaff } from '../modules/staff/staff.queries.ts';
import { listStores } from '../modules/stores/stores.queries.ts';
import { provisionTenant } from '../modules/operator/tenants-admin.service.ts';
import { asPlatform } from '../platform/operator-tx.ts';
import { generateTenantData } from './generate.ts';
import { seedDemoGarage } from './demo-garage.ts';
import { seedDemoIntervals } from './demo-intervals.ts';
import { seedDemoLoyalty } from './demo-loyalty.ts';
import { seedDemoReferrals } from './demo-referrals.ts';
import { seedDemoTelematics } from './demo-telematics.ts';
import { demoAdvisors, seedDemoService } from './demo-service.ts';
import { seedDemoLapsing } from './demo-lapsing.ts';
import { seedDemoSegments } from './demo-segments.ts';
import { seedDemoTimings } from './demo-timings.ts';
import { seedDemoVisits } from './demo-visits.ts';
import { seedDemoSurveys } from './demo-surveys.ts';
import { seedDemoCallHistory } from './demo-call-history.ts';
import { seedDemoContent } from './demo-content.ts';
import { seedDemoChat } from './demo-chat.ts';
import { seedDemoComplaints } from './demo-complaints.ts';
import { seedDemoEvents } from './demo-events.ts';
import { seedDemoRecovery } from './demo-recovery.ts';
import { seedDemoCampaigns } from './demo-campaigns.ts';
import { seedDemoServices } from './demo-services.ts';
import { seedDemoReports } from './demo-reports.ts';

export const demo = { slug: 'demo', name: '示例汽车集团', password: publishedDemoPassword } as const;

const weekday = [{ open: '08:30', close: '18:00' }];
const evening = [{ open: '08:30', close: '20:30' }];
const weekend = [{ open: '09:00', close: '17:30' }];
const hours: OpeningHours = {
  mon: weekday,
  tue: weekday,
  wed: weekday,
  thu: evening,
  fri: evening,
  sat: weekend,
  sun: weekend,
};

/** One account per role; store-bound ones work at the Pudong store. */
export const demoStaff: { login: string; name: string; role: Role; phone: string }[] = [
  { login: 'admin', name: '王建国', role: 'group_admin', phone: '13900000001' },
  { login: 'store.manager', name: '李明', role: 'store_manager', phone: '13900000002' },
  { login: 'service.manager', name: '张伟', role: 'service_manager', phone: '13900000003' },
  { login: 'sales', name: '刘洋', role: 'sales_consultant', phone: '13900000004' },
  { login: 'advisor', name: '陈静', role: 'service_advisor', phone: '13900000005' },
  { login: 'cs', name: '杨芳', role: 'cs_specialist', phone: '13900000006' },
  { login: 'cashier', name: '赵敏', role: 'cashier', phone: '13900000007' },
  { login: 'oem', name: '周磊', role: 'oem_viewer', phone: '13900000008' },
];

/**
 * The rest of the two stores' people beyond the one account per role: each store's advisors (the booking
 * demo's, created here so the generator gives each customer one of their home store's advisors — a real
 * store has several, and one advisor for the whole group would get every care call), two consultants per
 * store, and the Hangzhou store's own service manager and CS specialist. Advisors and consultants are
 * listed per store, the same number per store, as the generator's teams expect.
 */
export const demoColleagues: { login: string; name: string; role: Role; phone: string; store: 0 | 1 }[] = [
  ...demoAdvisors.map((a) => ({ ...a, role: 'service_advisor' as const })),
  { login: 'sales.lin', name: '林峰', role: 'sales_consultant', phone: '13900000031', store: 0 },
  { login: 'sales.song', name: '宋佳', role: 'sales_consultant', phone: '13900000032', store: 1 },
  { login: 'sales.han', name: '韩冰', role: 'sales_consultant', phone: '13900000033', store: 1 },
  { login: 'service.manager.hz', name: '邓强', role: 'service_manager', phone: '13900000034', store: 1 },
  { login: 'cs.hz', name: '钱丽', role: 'cs_specialist', phone: '13900000035', store: 1 },
];

export const demoOwnerPhones = ['13800000001', '13800000002', '13800000003'] as const;

const demoStores = [
  {
    code: 'SH-PD',
    name: '上海浦东4S店',
    brand: '示例品牌',
    province: '上海市',
    city: '上海市',
    address: '上海市浦东新区张江路 1888 号',
    phone: '021-58880000',
    openingHours: hours,
  },
  {
    code: 'HZ-XH',
    name: '杭州西湖4S店',
    brand: '示例品牌',
    province: '浙江省',
    city: '杭州市',
    address: '杭州市西湖区文三路 588 号',
    phone: '0571-88880000',
    openingHours: hours,
  },
];

/**
 * The demo dealer group that `npm start` creates on an empty database — through the same provisioning as
 * the operator's API and the CLI (tenant, first stores, first group admin), then the rest of its people.
 */
export const seedDemo = async (
  db: Database,
  options: { customers: number; now?: Date; password?: string },
): Promise<string> => {
  const password = options.password ?? demo.password;
  const now = options.now ?? new Date();
  const [first, ...others] = demoStaff;
  if (!first) throw new Error('the demo has no group admin');
  const created = await asPlatform({ db, name: 'demo-seed', clock: { now: () => now } }, (ctx) =>
    provisionTenant(
      ctx,
      tenantCreateBody.parse({
        slug: demo.slug,
        name: demo.name,
        shortName: '示例汽车',
        timezone: 'Asia/Shanghai',
        brands: ['示例品牌'],
        primaryColor: '#1f6feb',
        accentColor: '#f59e0b',
        dealerHotline: '400-820-8820',
        oemHotline: '400-810-1010',
        stores: demoStores,
        admin: { login: first.login, name: first.name, phone: first.phone, password },
      }),
    ),
  );
  const tenantId = created.tenant.id;
  const hashes = await Promise.all([...others, ...demoColleagues].map(() => hashPassword(password)));
  const placed = await db.transaction({ tenantId }, async ({ db: tx }) => {
    const opened = await listStores(tx, tenantId, null);
    const pudong = opened.find((s) => s.code === 'SH-PD');
    const xihu = opened.find((s) => s.code === 'HZ-XH');
    if (!pudong || !xihu) throw new Error('the demo stores were not opened');
    const kinds = [
      ['sales', '销售部'],
      ['service', '售后服务部'],
      ['parts', '备件部'],
      ['customer_service', '客服部'],
    ] as const;
    await tx
      .insert(departments)
      .values(
        [pudong, xihu].flatMap((store) =>
          kinds.map(([kind, name]) => ({ tenantId, storeId: store.id, kind, name, createdAt: now })),
        ),
      );
    const ids: Record<string, string> = { [first.role]: created.admin.id };
    for (const [i, s] of others.entries()) {
      const storeId = s.role === 'group_admin' || s.role === 'oem_viewer' ? null : pudong.id;
      ids[s.role] = (
        await insertStaff(tx, tenantId, {
          ...s,
          storeId,
          passwordHash: hashes[i] ?? '',
          createdAt: now,
          updatedAt: now,
          passwordChangedAt: now,
        })
      ).id;
    }
    const team: Record<string, string[]> = {};
    for (const [i, s] of demoColleagues.entries()) {
      const store = s.store === 0 ? pudong : xihu;
      const { store: _store, ...person } = s;
      const { id } = await insertStaff(tx, tenantId, {
        ...person,
        storeId: store.id,
        passwordHash: hashes[others.length + i] ?? '',
        createdAt: now,
        updatedAt: now,
        passwordChangedAt: now,
      });
      (team[`${s.role}@${s.store}`] ??= []).push(id);
    }
    const teamOf = (role: Role, headId: string | undefined) => [
      ...(headId ? [headId] : []),
      ...(team[`${role}@0`] ?? []),
      ...(team[`${role}@1`] ?? []),
    ];
    await tx.insert(owners).values(
      demoOwnerPhones.map((phone, i) => ({
        tenantId,
        phone,
        name: ['孙先生', '周女士', '吴先生'][i] ?? null,
        createdAt: now,
      })),
    );
    return {
      storeIds: [pudong.id, xihu.id],
      advisorIds: teamOf('service_advisor', ids.service_advisor),
      consultantIds: teamOf('sales_consultant', ids.sales_consultant),
    };
  });
  if (options.customers > 0)
    await generateTenantData(db, {
      tenantId,
      customers: options.customers,
      storeIds: placed.storeIds,
      advisorIds: placed.advisorIds,
      consultantIds: placed.consultantIds,
      now,
    });
  // After the generator, whose history steps cover every car of the tenant.
  await seedDemoGarage(db, { tenantId, storeIds: placed.storeIds, now });
  await seedDemoService(db, { tenantId, storeIds: placed.storeIds, now });
  await seedDemoVisits(db, { tenantId, storeIds: placed.storeIds, now });
  await seedDemoIntervals(db, { tenantId, now });
  await seedDemoLapsing(db, { tenantId, now });
  if (options.customers > 0) await seedDemoTimings(db, { tenantId, now });
  // Statistics first: the classification is one statement per tenant, planned once at its start; planned
  // on the empty tables' statistics of a fresh bulk load it joins the readings by nested loops (over an
  // hour at a million customers instead of a minute).
  await db.owner.executeSql(
    'ANALYZE vehicles, customers, repair_orders, repair_order_lines, mileage_readings, sales_orders, service_intervals',
  );
  await seedDemoSegments(db, { tenantId, now });
  await seedDemoTelematics(db, { tenantId, now });
  await seedDemoLoyalty(db, { tenantId, storeIds: placed.storeIds, now });
  await seedDemoReferrals(db, { tenantId, storeIds: placed.storeIds, now });
  await seedDemoSurveys(db, { tenantId, now });
  await seedDemoCallHistory(db, { tenantId, now });
  // After membership: 轮生活's 金卡 owner is one of its gold members.
  await seedDemoContent(db, { tenantId, storeIds: placed.storeIds, now });
  await seedDemoComplaints(db, { tenantId, now });
  await seedDemoEvents(db, { tenantId, storeIds: placed.storeIds, now });
  await seedDemoRecovery(db, { tenantId, now });
  await seedDemoCampaigns(db, { tenantId, storeIds: placed.storeIds, now });
  await seedDemoChat(db, { tenantId, now });
  await seedDemoServices(db, { tenantId, storeIds: placed.storeIds, now });
  // Last: the report reads every module's figures.
  await seedDemoReports(db, { tenantId, now, zone: 'Asia/Shanghai' });
  return tenantId;
};
