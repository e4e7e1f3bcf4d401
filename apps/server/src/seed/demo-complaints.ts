import type { FastifyBaseLogger } from 'fastify';
import type { Role } from '@m4s/contracts';
import { systemCtx, type StaffCtx } from '../platform/context.ts';
import type { Database } from '../platform/db/types.ts';
import * as cases from '../modules/complaints/cases.service.ts';
import { actOnDeadlines } from '../modules/complaints/complaints.escalation.ts';
import { oemDraft } from '../modules/complaints/complaints.report.ts';
import { createCase } from '../modules/complaints/complaints.service.ts';
import { calendarFor } from '../modules/complaints/complaints.deadlines.ts';
import { addBusinessHours, businessMinutesBetween, type WorkCalendar } from '../platform/time/work-calendar.ts';
import { localOf } from '../platform/time/zone.ts';
import { complaintInput, type ComplaintInput } from '@m4s/contracts';

const quiet = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
  fatal: () => undefined,
  child: () => quiet,
} as unknown as FastifyBaseLogger;
const noJobs = { send: async () => undefined, sendMany: async () => undefined };

/**
 * The moment `h` business hours before `to` (h > 0): inside opening hours on a working day, as a store's cases
 * happen, whenever the demo is seeded (at night or on a Sunday too). Steps back a quarter hour at a time.
 */
export const businessAgo = (cal: WorkCalendar, to: Date, h: number): Date => {
  const want = Math.round(h * 60);
  let t = to.getTime();
  let minutes = 0;
  for (let i = 0; i < 96 * 60; i++) {
    minutes = businessMinutesBetween(cal, new Date(t), to);
    if (minutes >= want) break;
    t -= 15 * 60_000;
  }
  return addBusinessHours(cal, new Date(t), (minutes - want) / 60);
};

/**
 * The demo's complaint cases on day one (docs/complaints.md), made through the case service as staff
 * would, each at its own moment in business time (opening hours of working days, counted back from now): one
 * received three working days ago and never touched (the deadline sweep escalates it twice: first contact
 * and answer passed), a major one three business hours ago with its written report to the OEM sent, one
 * assigned to the advisor and waiting for her to sign for it, one resolved and waiting for the owner
 * 13800000001's word in the app, a suggestion acknowledged and waiting for its evaluation, and one closed
 * last week with its improvement item. The deadline jobs are not queued here (no queue at seeding): the sweep of the first night and of
 * each start-up acts on them.
 */
export const seedDemoComplaints = async (db: Database, input: { tenantId: string; now: Date }) => {
  const { tenantId, now } = input;
  return db.transaction({ tenantId }, async (tx) => {
    const staff = await tx.sql.executeSql(
      `SELECT id::text AS id, login, role, store_id::text AS store_id FROM staff WHERE tenant_id = $1`,
      [tenantId],
    );
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    const by = new Map(
      staff.rows.map((r) => [text(r.login) ?? '', { id: text(r.id), role: text(r.role), store_id: text(r.store_id) }]),
    );
    const customers = await tx.sql.executeSql(
      `SELECT c.id::text AS id FROM customers c
        WHERE c.tenant_id = $1 AND c.erased_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM complaints k WHERE k.tenant_id = $1 AND k.customer_id = c.id)
        ORDER BY (EXISTS (SELECT 1 FROM customer_phones p WHERE p.tenant_id = $1 AND p.customer_id = c.id
                          AND p.phone = '13800000001')) DESC, c.created_at, c.id
        LIMIT 6`,
      [tenantId],
    );
    const ids = customers.rows.map((r) => String(r.id));
    if (ids.length < 6 || !by.get('cs') || !by.get('advisor') || !by.get('service.manager')) return { cases: 0 };
    const at = { t: now };
    const clock = { now: () => new Date(at.t.getTime()) };
    const as = (login: string): StaffCtx => {
      const s = by.get(login);
      const base = systemCtx({ tenantId, tx, jobs: noJobs, clock, log: quiet, requestId: 'demo-complaints' });
      return {
        ...base,
        storeId: s?.store_id ?? null,
        actor: {
          kind: 'staff',
          id: s?.id ?? '',
          role: (s?.role ?? 'cs_specialist') as Role,
          storeId: s?.store_id ?? null,
          customerScope: 'group',
          sessionId: 'demo',
          csrfToken: '',
        },
      };
    };
    const cs = () => as('cs');
    const cal = await calendarFor(cs(), now);
    const ago = (h: number) => businessAgo(cal, now, h);
    const day = (d: Date) => localOf(d, cal.zone).day;
    const advisorId = String(by.get('advisor')?.id);
    const open = async (customerId: string, body: ComplaintInput, ownerFiled = false) => {
      const ctx = cs();
      const { id } = await createCase(ctx, {
        customerId,
        storeId: ctx.storeId,
        receivedBy: ownerFiled ? null : ctx.actor.id,
        ownerId: null,
        data: complaintInput.parse(body),
      });
      return id;
    };
    const step = (h: number) => {
      at.t = addBusinessHours(cal, at.t, h);
    };

    // Resolved, waiting for the owner's word in the app (13800000001's customer): filed in the app two days ago.
    at.t = ago(16);
    const resolved = await open(
      ids[0] ?? '',
      {
        category: 'repair_time',
        channel: 'app',
        summary: '保养预约了10点，实际等到12点半才开始施工',
        customerRequest: '希望以后按预约时间施工',
        cause: 'staff_error',
        classification: 'handling_failure',
      },
      true,
    );
    step(1);
    await cases.contact(cs(), resolved, { note: '已致电致歉，说明当天工位排班失误' });
    await cases.assign(cs(), resolved, { handlerId: advisorId, note: '' });
    step(1);
    await cases.accept(as('advisor'), resolved);
    await cases.answer(as('advisor'), resolved, { answer: '已调整预约工位排班，下次保养为您预留工位' });
    at.t = ago(1);
    await cases.resolve(as('advisor'), resolved, {
      solution: '赠送一次免费洗车，预约客户专用工位',
      completionDate: day(at.t),
    });

    // Left untouched for three working days: late, escalated by the deadline sweep.
    at.t = ago(27);
    const late = await open(ids[1] ?? '', {
      category: 'repair_charges',
      channel: 'phone',
      summary: '结算金额比报价高出400元，未提前告知',
      customerRequest: '退还差价',
      cause: 'business_practice',
    });

    // Major, three business hours ago: the written report to the OEM, completed and sent by the service manager.
    at.t = ago(3);
    const major = await open(ids[2] ?? '', {
      category: 'product_quality',
      channel: 'phone',
      severity: 'major',
      summary: '高速行驶中刹车助力突然失效，轻微追尾，客户称已联系媒体',
      customerRequest: '厂家给出书面检测结论并赔偿',
      classification: 'manufacturing_defect',
      cause: 'product_quality',
    });
    step(0.5);
    await cases.contact(cs(), major, { note: '站长已致电客户，安排拖车进店检测' });
    await cases.assign(cs(), major, {
      handlerId: String(by.get('service.manager')?.id),
      note: '重大投诉，由服务经理处理',
    });
    await cases.accept(as('service.manager'), major);
    step(1);
    const draft = await oemDraft(as('service.manager'), major);
    await cases.sendOemReport(as('service.manager'), major, {
      text: `${draft.text.replace('难点：（请补充）', '难点：客户已联系媒体，要求书面结论。').replace('拟处理意见与建议：（请补充）', '拟处理意见与建议：申请厂家技术支持到店联合检测。')}`,
    });

    // Being handled: assigned to the advisor, who has yet to sign for it (her notice on the home screen).
    at.t = ago(4);
    const handling = await open(ids[3] ?? '', {
      category: 'repair_quality',
      channel: 'walk_in',
      summary: '空调维修后仍有异味',
      cause: 'repair_quality',
      classification: 'handling_failure',
    });
    step(0.5);
    await cases.contact(cs(), handling, { note: '' });
    await cases.assign(cs(), handling, { handlerId: advisorId, note: '' });

    // A suggestion, acknowledged, to be evaluated within 3 working days.
    at.t = ago(5);
    const suggestion = await open(
      ids[4] ?? '',
      {
        kind: 'suggestion',
        category: 'service_environment',
        channel: 'app',
        summary: '客户休息区希望增加儿童游乐角',
      },
      true,
    );
    step(1);
    await cases.contact(cs(), suggestion, { note: '感谢建议，已转门店评估' });

    // Closed last week with its improvement item.
    at.t = ago(45);
    const closed = await open(ids[5] ?? '', {
      category: 'service_reception',
      channel: 'walk_in',
      summary: '到店后15分钟无人接待',
      cause: 'staff_attitude',
      classification: 'handling_failure',
    });
    step(0.5);
    await cases.contact(cs(), closed, { note: '当面致歉' });
    await cases.assign(cs(), closed, { handlerId: advisorId, note: '' });
    await cases.accept(as('advisor'), closed);
    await cases.answer(as('advisor'), closed, { answer: '已调整前台排班' });
    step(2);
    await cases.resolve(as('advisor'), closed, {
      solution: '增设前台引导岗',
      completionDate: day(at.t),
    });
    step(4);
    await cases.followUp(cs(), closed, { satisfied: true, note: '客户表示满意' });
    await cases.closeComplaint(as('service.manager'), closed, {
      resolution: '增设前台引导岗，客户满意',
      improvements: [
        {
          what: '高峰时段前台双人接待',
          ownerId: String(by.get('service.manager')?.id),
          due: day(now),
        },
      ],
    });

    // The thank-you for the closed case went then: its outbox row is sent, not waiting for a job (no queue here).
    await tx.sql.executeSql(
      `UPDATE notifications n SET status = 'sent', sent_at = n.created_at
       WHERE n.tenant_id = $1 AND n.status = 'queued' AND EXISTS (SELECT 1 FROM touches t WHERE t.tenant_id = $1
         AND t.tenant_id = n.tenant_id AND t.notification_id = n.id AND t.source = 'complaint')`,
      [tenantId],
    );

    // Now: what the deadline sweep finds.
    at.t = now;
    let escalated = 0;
    for (const id of [late, major, handling, suggestion, resolved])
      escalated += (await actOnDeadlines(cs(), id)).escalated;
    return { cases: 6, escalated };
  });
};
