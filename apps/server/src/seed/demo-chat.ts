import { randomUUID } from 'node:crypto';
import type { AdvisorRole, ChatKind } from '@m4s/contracts';
import { ensureConversation, insertMessage, touchConversation } from '../modules/chat/chat.queries.ts';
import type { Database, SqlExecutor } from '../platform/db/types.ts';

/**
 * 咨询 in the demo (docs/chat.md): open conversations on day one. 13800000001 (孙志强) has the sales consultant,
 * service advisor and — new with chat — the insurance advisor (cs, 杨芳) assigned, a service conversation the
 * advisor answered (unread in the app), an assistant question it answered from an article; the advisor (陈静) has a
 * few of their customers waiting, the store's insurance pool a few more, and earlier answers give the managers'
 * response times. Days and minutes count back from `now`.
 */
type Line = { from: 'owner' | 'staff' | 'system'; text: string; minutesAgo: number };
type Seeded = { customerId: string; storeId: string; kind: ChatKind; staffId: string | null; lines: Line[] };

const hour = 60;
const day = 24 * hour;

const waiting: { kind: AdvisorRole; text: string }[] = [
  { kind: 'service', text: '上次保养后发动机有点抖，是正常的吗？' },
  { kind: 'service', text: '这周六还能约保养吗？' },
  { kind: 'service', text: '空调制冷效果变差了，需要加氟吗？' },
  { kind: 'insurance', text: '车险下个月到期，今年续保有什么优惠？' },
  { kind: 'insurance', text: '小剐蹭走保险划算吗？' },
  { kind: 'sales', text: '想给家里再添一台新能源车，最近有什么活动？' },
];

const write = async (sql: SqlExecutor, tenantId: string, now: Date, s: Seeded) => {
  const first = s.lines[0];
  if (!first) return;
  const id = await ensureConversation(sql, tenantId, {
    id: randomUUID(),
    storeId: s.storeId,
    customerId: s.customerId,
    kind: s.kind,
    now: new Date(now.getTime() - first.minutesAgo * 60_000),
  });
  let waitingSince: Date | null = null;
  for (const line of s.lines) {
    const at = new Date(now.getTime() - line.minutesAgo * 60_000);
    const reply = line.from === 'staff' && waitingSince;
    await insertMessage(sql, tenantId, {
      id: randomUUID(),
      conversationId: id,
      sender: line.from,
      staffId: line.from === 'staff' ? s.staffId : null,
      body: line.text,
      responseMs: reply && waitingSince ? at.getTime() - waitingSince.getTime() : null,
      at,
    });
    const ownerSide = line.from !== 'staff';
    await touchConversation(sql, tenantId, id, {
      text: line.text,
      at,
      unread: ownerSide ? 'staff' : 'owner',
      waiting: ownerSide ? 'start' : 'end',
    });
    waitingSince = ownerSide ? (waitingSince ?? at) : null;
  }
};

export const seedDemoChat = (db: Database, input: { tenantId: string; now: Date }) =>
  db.transaction({ tenantId: input.tenantId }, async ({ sql }) => {
    const { tenantId, now } = input;
    const staff = await sql.executeSql(
      `SELECT login, id::text AS id, store_id::text AS store_id FROM staff WHERE tenant_id = $1 AND login = ANY($2::text[])`,
      [tenantId, ['advisor', 'sales', 'cs']],
    );
    const by = new Map(staff.rows.map((r) => [String(r.login), { id: String(r.id), storeId: String(r.store_id) }]));
    const advisor = by.get('advisor');
    const cs = by.get('cs');
    const sales = by.get('sales');
    if (!advisor || !cs || !sales) return { conversations: 0 };
    const [sun] = (
      await sql.executeSql(
        `SELECT c.id::text AS id, COALESCE(c.home_store_id, $3::uuid)::text AS store_id FROM customers c
          JOIN customer_phones p ON p.tenant_id = $1 AND p.tenant_id = c.tenant_id AND p.customer_id = c.id
         WHERE c.tenant_id = $1 AND p.phone = $2 LIMIT 1`,
        [tenantId, '13800000001', advisor.storeId],
      )
    ).rows;
    const seeded: Seeded[] = [];
    if (sun) {
      const customerId = String(sun.id);
      const storeId = String(sun.store_id);
      await sql.executeSql(
        `UPDATE customers SET insurance_advisor_id = $3,
                service_advisor_id = COALESCE(service_advisor_id, $4), sales_consultant_id = COALESCE(sales_consultant_id, $5)
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, customerId, cs.id, advisor.id, sales.id],
      );
      const [assigned] = (
        await sql.executeSql('SELECT service_advisor_id::text AS id FROM customers WHERE tenant_id = $1 AND id = $2', [
          tenantId,
          customerId,
        ])
      ).rows;
      seeded.push({
        customerId,
        storeId,
        kind: 'service',
        staffId: typeof assigned?.id === 'string' ? assigned.id : advisor.id,
        lines: [
          { from: 'owner', text: '你好，仪表盘上黄色的扳手灯亮了，要紧吗？', minutesAgo: 2 * day + 3 * hour },
          {
            from: 'staff',
            text: '孙先生您好，扳手灯是保养提示，不影响行车。您的车距上次保养已快半年，建议这两周安排保养，我帮您留意工位。',
            minutesAgo: 2 * day + 2 * hour + 38,
          },
          { from: 'owner', text: '好的，周末有空位吗？', minutesAgo: 2 * day + 2 * hour },
          {
            from: 'staff',
            text: '周六上午 9:30 有空位，您可以在「车业务」里直接预约这个时间。',
            minutesAgo: 2 * day + hour,
          },
        ],
      });
    }
    // The advisor's own customers, and customers of the store's insurance pool, waiting for an answer.
    const mine = await sql.executeSql(
      `SELECT c.id::text AS id, COALESCE(c.home_store_id, $3::uuid)::text AS store_id FROM customers c
        WHERE c.tenant_id = $1 AND c.service_advisor_id = $2 AND c.erased_at IS NULL AND c.id <> $4::uuid
        ORDER BY c.created_at, c.id LIMIT 8`,
      [tenantId, advisor.id, advisor.storeId, sun ? String(sun.id) : '00000000-0000-0000-0000-000000000000'],
    );
    const pool = await sql.executeSql(
      `SELECT c.id::text AS id FROM customers c
        WHERE c.tenant_id = $1 AND c.home_store_id = $2 AND c.insurance_advisor_id IS NULL AND c.erased_at IS NULL
        ORDER BY c.created_at DESC, c.id LIMIT 4`,
      [tenantId, cs.storeId],
    );
    mine.rows.forEach((r, i) => {
      const ask = waiting[i % 3];
      const answered = i >= 3;
      seeded.push({
        customerId: String(r.id),
        storeId: String(r.store_id),
        kind: 'service',
        staffId: advisor.id,
        lines: [
          { from: 'owner', text: ask?.text ?? '你好', minutesAgo: (i + 1) * 47 + (answered ? day : 0) },
          ...(answered
            ? [
                {
                  from: 'staff' as const,
                  text: '您好，已收到，我查一下您的维修记录再回复您。',
                  minutesAgo: (i + 1) * 47 + day - (i + 1) * 9,
                },
              ]
            : []),
        ],
      });
    });
    pool.rows.forEach((r, i) => {
      const ask = waiting[3 + (i % 3)];
      seeded.push({
        customerId: String(r.id),
        storeId: cs.storeId,
        kind: ask?.kind ?? 'insurance',
        staffId: ask?.kind === 'sales' ? sales.id : cs.id,
        lines: [{ from: 'owner', text: ask?.text ?? '你好', minutesAgo: (i + 1) * 95 }],
      });
    });
    for (const s of seeded) await write(sql, tenantId, now, s);
    return { conversations: seeded.length };
  });
