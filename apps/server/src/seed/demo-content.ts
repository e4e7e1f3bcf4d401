import sharp from 'sharp';
import { customerInput, vehicleInput } from '@m4s/contracts';
import { feedPosts, loyaltyMembers, owners, pointsLedger, vehicleBindings } from '../platform/db/schema/index.ts';
import { insertCustomer, setPhones } from '../modules/customers/customers.queries.ts';
import { insertVehicle } from '../modules/vehicles/vehicles.queries.ts';
import { dayIn } from '../platform/time/zone.ts';
import type { Database } from '../platform/db/types.ts';
import { dataUrlOf, reencodeCover } from '../platform/images.ts';

/**
 * 轮生活 in the demo (docs/feed.md): posts of the group and of a store — a new model, a 金卡 offer, a store's
 * event, car-life tips, a win-back post for churned customers, one scheduled for next week and one expired —
 * and a fourth demo owner, 13800000004 (周婷), a 金卡 member with a car bound in the app, so a demo owner of each
 * kind shows what targeting does (13800000001 is 银卡). The knowledge base is installed at
 * provisioning (modules/content/knowledge.shipped.ts).
 */
export const demoGoldOwnerPhone = '13800000004';

const dayMs = 86_400_000;

/** A plain cover: two colours in a diagonal gradient (no text: the title is text in the app). */
const cover = async (from: string, to: string) => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs><rect width="1280" height="720" fill="url(#g)"/><circle cx="1040" cy="180" r="220" fill="#ffffff" fill-opacity="0.12"/></svg>`;
  return dataUrlOf(await reencodeCover(await sharp(Buffer.from(svg)).png().toBuffer()));
};

type Seeded = Omit<typeof feedPosts.$inferInsert, 'tenantId' | 'createdAt' | 'updatedAt'>;

const posts = async (storeId: string | undefined, now: Date): Promise<Seeded[]> => [
  {
    kind: 'new_model',
    title: '全新纯电SUV到店，欢迎预约试驾',
    summary: '续航 620 公里，本周末门店品鉴会，到店即送精美车模',
    body: '全新纯电SUV现已到店。\nCLTC 续航 620 公里，支持 800V 快充，充电 15 分钟可行驶约 400 公里。\n本周六、周日门店举办品鉴会，老车主到店试驾即送精美车模一台，置换还可享受额外补贴。\n在“车业务”中预约，或致电门店销售顾问。',
    cover: await cover('#1f6feb', '#0b3d91'),
    publishAt: new Date(now.getTime() - 2 * dayMs),
  },
  {
    kind: 'offer',
    title: '金卡会员专享：保养工时 8 折',
    summary: '本月到店保养，金卡及以上会员工时费 8 折',
    body: '感谢您一直以来的信任。\n本月内到店进行常规保养，金卡及以上会员可享工时费 8 折，并赠送一次精致洗车。\n预约时选择“常规保养”即可，到店出示会员卡。',
    cover: await cover('#b8860b', '#5c3d00'),
    targetTiers: ['gold', 'platinum', 'diamond'],
    publishAt: new Date(now.getTime() - dayMs),
    expiresAt: new Date(now.getTime() + 30 * dayMs),
  },
  {
    kind: 'event',
    title: '周六车主课堂：夏季空调与轮胎保养',
    summary: '技术经理现场讲解，名额 30 位',
    body: '本周六上午 10:00，门店技术经理为车主讲解夏季空调保养、轮胎换位与胎压检查。\n现场提供茶歇，参加的车主可免费检测空调一次。\n名额 30 位，请致电门店报名。',
    storeId: storeId ?? null,
    targetStoreIds: storeId ? [storeId] : [],
    publishAt: new Date(now.getTime() - 3 * 3_600_000),
  },
  {
    kind: 'car_life',
    title: '长途自驾出发前，花 10 分钟做这 5 项检查',
    summary: '胎压、油液、灯光、随车工具、保养时间',
    body: '节假日出行前，请检查：\n1. 胎压（含备胎）和胎纹深度；\n2. 机油、冷却液、制动液、玻璃水；\n3. 灯光、雨刮、喇叭；\n4. 三角警示牌和灭火器；\n5. 保养是否快到期。\n更多用车知识，请看“轮生活”里的用车知识。',
    cover: await cover('#1a7f37', '#0b4d1f'),
    publishAt: new Date(now.getTime() - 5 * dayMs),
  },
  {
    kind: 'offer',
    title: '好久不见，回店免费做一次全车检测',
    summary: '超过一年没到店的老朋友，免费 36 项检测',
    body: '好久没见到您和您的爱车了。\n即日起回店，可免费享受 36 项全车安全检测，检测后如需保养另享配件 9 折。',
    targetSegments: ['frequency:churned', 'frequency:swing_to_churn'],
    publishAt: new Date(now.getTime() - 4 * dayMs),
  },
  {
    kind: 'policy',
    title: '节假日营业时间调整',
    summary: '下周节假日期间门店营业时间为 9:00–17:00',
    body: '节假日期间门店营业时间调整为 9:00–17:00，道路救援 24 小时服务不变。',
    publishAt: new Date(now.getTime() + 7 * dayMs),
  },
  {
    kind: 'event',
    title: '上月车主自驾游报名（已结束）',
    summary: '活动已结束，感谢参与',
    body: '上月车主自驾游报名已结束。',
    publishAt: new Date(now.getTime() - 40 * dayMs),
    expiresAt: new Date(now.getTime() - 10 * dayMs),
  },
];

export const seedDemoContent = (db: Database, input: { tenantId: string; storeIds: string[]; now: Date }) =>
  db.transaction({ tenantId: input.tenantId }, async ({ db: tx }) => {
    const { tenantId, now } = input;
    for (const p of await posts(input.storeIds[0], now))
      await tx.insert(feedPosts).values({ tenantId, ...p, createdAt: now, updatedAt: now });
    // 13800000004: a 金卡 member of the first store with a car, 3,200 points earned this year (the tier holds at
    // the night: 金卡 is 3,000 points), bound to the car in the app.
    const [storeId] = input.storeIds;
    const customer = await insertCustomer(
      tx,
      tenantId,
      {
        ...customerInput.parse({ name: '周婷', gender: 'female', phones: [demoGoldOwnerPhone], source: 'walk_in' }),
        homeStoreId: storeId ?? null,
      },
      now,
    );
    await setPhones(tx, tenantId, customer.id, [demoGoldOwnerPhone], now);
    const vehicleId = await insertVehicle(
      tx,
      tenantId,
      vehicleInput.parse({ vin: 'LSVCC6A4XMN518826', plate: '沪AG5188', ownerId: customer.id }),
      now,
    );
    const earned = 3200;
    const earnedAt = new Date(now.getTime() - 90 * dayMs);
    await tx.insert(loyaltyMembers).values({
      tenantId,
      customerId: customer.id,
      balance: earned,
      points12m: earned,
      tier: 'gold',
      tierSince: dayIn(earnedAt, 'Asia/Shanghai'),
    });
    await tx.insert(pointsLedger).values({
      tenantId,
      customerId: customer.id,
      kind: 'earn',
      points: earned,
      balanceAfter: earned,
      source: 'purchase',
      sourceId: 'demo-gold-owner',
      storeId: storeId ?? null,
      at: earnedAt,
      expiresOn: dayIn(new Date(now.getTime() + 365 * dayMs), 'Asia/Shanghai'),
    });
    const [owner] = await tx
      .insert(owners)
      .values({ tenantId, phone: demoGoldOwnerPhone, name: '周婷', createdAt: now })
      .returning({ id: owners.id });
    if (!owner) throw new Error('owner insert returned nothing');
    await tx.insert(vehicleBindings).values({
      tenantId,
      ownerId: owner.id,
      vehicleId,
      status: 'confirmed',
      requestedAt: new Date(now.getTime() - 60 * dayMs),
      decidedAt: new Date(now.getTime() - 60 * dayMs + 3_600_000),
    });
  });
