import { randomUUID } from 'node:crypto';
import { serviceRequestEvents, serviceRequests, serviceSettings } from '../platform/db/schema/index.ts';
import type { Database } from '../platform/db/types.ts';
import { catalogue } from '../modules/services/catalogue/index.ts';
import { demoOwnerPhones } from './demo.ts';

const minute = 60_000;
const rescueLines = ['021-58889110', '0571-88889110'];

const settingsOf = (id: string, store: number): Record<string, string> =>
  id === 'rescue' ? { rescueLine: rescueLines[store] ?? '021-58889110' } : {};

type Answers = Record<string, string | number | null>;
type Seeded = {
  ownerId: string | null;
  customerId: string | null;
  storeId: string;
  serviceId: string;
  handlerRole: string;
  priority: number;
  status: string;
  answers: Answers;
  current: Answers;
  dueAt: Date;
  createdAt: Date;
  steps: { status: string; minutesAgo: number }[];
};

/**
 * 车业务 in the demo (docs/services.md): every service of the catalogue switched on at both stores (each with its
 * own rescue line), and a few open requests of the demo owners 13800000002 and 13800000003 — a rescue on its way,
 * a renewal quote and a car wash waiting — so the advisor app's 服务请求 and the admin's list are not empty.
 * 13800000001 has none: he is the one who calls for rescue in the browser test.
 */
export const seedDemoServices = async (db: Database, input: { tenantId: string; storeIds: string[]; now: Date }) => {
  const { tenantId, storeIds, now } = input;
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * minute);
  await db.transaction({ tenantId }, async ({ db: tx, sql }) => {
    await tx.insert(serviceSettings).values(
      storeIds.flatMap((storeId, i) =>
        catalogue.map((s) => ({
          tenantId,
          storeId,
          serviceId: s.id,
          enabled: true,
          settings: settingsOf(s.id, i),
          updatedAt: now,
        })),
      ),
    );
    const people = await sql.executeSql(
      `SELECT o.id AS owner_id, o.phone, (SELECT p.customer_id FROM customer_phones p
          WHERE p.tenant_id = o.tenant_id AND p.phone = o.phone LIMIT 1) AS customer_id
         FROM owners o WHERE o.tenant_id = $1 AND o.phone = ANY($2::text[])`,
      [tenantId, [demoOwnerPhones[1], demoOwnerPhones[2]]],
    );
    const who = (phone: string | undefined) => {
      const row = people.rows.find((r) => r.phone === phone);
      return {
        ownerId: typeof row?.owner_id === 'string' ? row.owner_id : null,
        customerId: typeof row?.customer_id === 'string' ? row.customer_id : null,
      };
    };
    const [pudong, xihu] = storeIds;
    if (!pudong || !xihu) return;
    const requests: Seeded[] = [
      {
        ...who(demoOwnerPhones[2]),
        storeId: pudong,
        serviceId: 'rescue',
        handlerRole: 'service_advisor',
        priority: 1,
        status: 'dispatched',
        answers: {
          trouble: 'battery',
          address: '上海市浦东新区世纪大道 100 号地下车库 B2',
          contact: demoOwnerPhones[2],
        },
        current: { driver: '刘师傅', driverPhone: '13900001234', etaMinutes: 20, etaAt: at(-12).toISOString() },
        dueAt: at(-22),
        createdAt: at(8),
        steps: [{ status: 'dispatched', minutesAgo: 5 }],
      },
      {
        ...who(demoOwnerPhones[1]),
        storeId: pudong,
        serviceId: 'insurance_quote',
        handlerRole: 'cs_specialist',
        priority: 3,
        status: 'received',
        answers: { plate: '沪A·D2345', date: '2027-01-15', cover: 'same' },
        current: {},
        dueAt: at(-300),
        createdAt: at(90),
        steps: [],
      },
      {
        ...who(demoOwnerPhones[1]),
        storeId: pudong,
        serviceId: 'car_wash',
        handlerRole: 'service_advisor',
        priority: 5,
        status: 'received',
        answers: { kind: 'wax', date: now.toISOString().slice(0, 10) },
        current: {},
        dueAt: at(-120),
        createdAt: at(40),
        steps: [],
      },
    ];
    for (const { steps, ...r } of requests) {
      const id = randomUUID();
      await tx.insert(serviceRequests).values({ tenantId, id, ...r, updatedAt: r.createdAt });
      await tx.insert(serviceRequestEvents).values([
        { tenantId, requestId: id, at: r.createdAt, status: 'received' },
        ...steps.map((s) => ({
          tenantId,
          requestId: id,
          at: at(s.minutesAgo),
          status: s.status,
          details: r.current,
        })),
      ]);
    }
  });
};
