import { z } from 'zod';
import { pino } from 'pino';
import { systemCtx, type Ctx } from '../platform/context.ts';
import { newRowId } from '../platform/db/ids.ts';
import { insertValues } from '../platform/db/insert-values.ts';
import { col, parseRows } from '../platform/db/rows.ts';
import type { Database } from '../platform/db/types.ts';
import type { JobQueue } from '../platform/jobs/queue.ts';
import { newTicketCode } from '../modules/events/signups.service.ts';
import { insertEvent } from '../modules/events/events.queries.ts';
import { earnByRule } from '../modules/loyalty/ledger.service.ts';

/**
 * Events in the demo (docs/events.md): a 爱车讲堂 twenty days ago — invited by the gate to members of 银卡 and
 * above (recorded as it decided), attended by invited and uninvited owners, its check-in points earned, its
 * activity questionnaire answered by some — so its KPIs show on day one; and a 自驾游 in ten days, published
 * to everyone, full with a waiting list. Owners with app accounts are left out of the sign-ups: the demo
 * owners sign up themselves.
 */

const noSends: JobQueue = {
  send: (name) => Promise.reject(new Error(`the demo seed sends nothing (tried to queue ${name})`)),
  sendMany: (name, jobs) =>
    jobs.length === 0 ? Promise.resolve() : Promise.reject(new Error(`the demo seed sends nothing (${name})`)),
};

const dayMs = 86_400_000;
const hourMs = 3_600_000;

/** The demo's figures (docs/events.md quotes them). */
export const demoEvents = {
  past: { invited: 80, invitedSignups: 36, invitedAttended: 30, uninvitedAttended: 12, capacity: 60, costFen: 300_000 },
  upcoming: { capacity: 25, waiting: 3 },
  answered: 20,
};

const inDemo = <T>(db: Database, tenantId: string, now: Date, fn: (ctx: Ctx) => Promise<T>) =>
  db.transaction({ tenantId }, (tx) =>
    fn(
      systemCtx({
        tenantId,
        tx,
        jobs: noSends,
        clock: { now: () => now },
        log: pino({ level: 'silent' }),
        requestId: 'demo-seed:events',
      }),
    ),
  );

/** Customers without an app account: members of a tier above the first first (the invited), then the rest. */
const candidates = async (ctx: Ctx) =>
  parseRows(
    z.object({ id: col.text, home_store_id: col.textOrNull, member: col.bool }),
    await ctx.sql.executeSql(
      `SELECT c.id, c.home_store_id, (m.tier IS NOT NULL AND m.tier <> 'standard') AS member
       FROM customers c
       LEFT JOIN loyalty_members m ON m.tenant_id = $1 AND m.tenant_id = c.tenant_id AND m.customer_id = c.id
       WHERE c.tenant_id = $1 AND c.erased_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM customer_phones p JOIN owners o ON o.tenant_id = $1 AND o.tenant_id = p.tenant_id
           AND o.phone = p.phone WHERE p.tenant_id = $1 AND p.customer_id = c.id)
       ORDER BY (m.tier IS NOT NULL AND m.tier <> 'standard') DESC, md5(c.id::text) LIMIT 400`,
      [ctx.tenantId],
    ),
  );

const signupRows = (
  eventId: string,
  ids: readonly string[],
  status: 'confirmed' | 'waiting',
  at: Date,
  checkedIn: (i: number) => Date | null,
) =>
  ids.map((customerId, i) => [
    newRowId(),
    eventId,
    customerId,
    status,
    status === 'waiting' ? new Date(at.getTime() + i * 60_000) : null,
    newTicketCode(),
    new Date(at.getTime() + i * 60_000),
    checkedIn(i),
  ]);

const signupColumns = [
  'id',
  'event_id',
  'customer_id',
  'status',
  'waiting_since',
  'ticket_code',
  'signed_up_at',
  'checked_in_at',
] as const;

export const seedDemoEvents = async (
  db: Database,
  input: { tenantId: string; storeIds: string[]; now: Date },
): Promise<void> => {
  const { tenantId, now } = input;
  await inDemo(db, tenantId, now, async (ctx) => {
    const people = await candidates(ctx);
    const f = demoEvents.past;
    const members = people.filter((p) => p.member).map((p) => p.id);
    const invitedSet = new Set(members.slice(0, f.invited));
    // Everyone else (of any tier) comes uninvited or signs up for the tour.
    const others = people.filter((p) => !invitedSet.has(p.id)).map((p) => p.id);
    const store = input.storeIds[0] ?? null;

    // 20 days ago: the lecture, invited 30 days ago, closed.
    const pastStart = new Date(now.getTime() - 20 * dayMs);
    pastStart.setUTCHours(6, 0, 0, 0);
    const past = newRowId();
    await insertEvent(
      ctx.sql,
      tenantId,
      past,
      {
        title: '冬季用车与电瓶保养讲座',
        kind: 'lecture',
        description: '技术经理现场讲解冬季用车常识、电瓶与轮胎检查要点，现场免费检测电瓶。',
        storeId: store,
        startsAt: pastStart.toISOString(),
        endsAt: new Date(pastStart.getTime() + 2 * hourMs).toISOString(),
        place: '一号店二楼客户讲堂',
        capacity: f.capacity,
        signupDeadline: new Date(pastStart.getTime() - dayMs).toISOString(),
        audience: { kind: 'tiers', tiers: ['silver', 'gold', 'platinum', 'diamond'] },
        costFen: f.costFen,
      },
      { at: new Date(now.getTime() - 32 * dayMs), by: null },
    );
    const invited = members.slice(0, f.invited);
    const invitedAt = new Date(now.getTime() - 30 * dayMs);
    await insertValues(ctx.sql, {
      into: 'event_invitations',
      tenantId,
      shared: { event_id: past, channel: 'sms', invited_at: invitedAt },
      columns: ['id', 'customer_id', 'decision'],
      rows: invited.map((id) => [newRowId(), id, 'sent']),
    });
    const checkedInAt = (i: number) => new Date(pastStart.getTime() - 20 * 60_000 + i * 30_000);
    const uninvited = others.slice(0, f.uninvitedAttended + 2);
    const rows = [
      ...signupRows(
        past,
        invited.slice(0, f.invitedSignups),
        'confirmed',
        new Date(invitedAt.getTime() + hourMs),
        (i) => (i < f.invitedAttended ? checkedInAt(i) : null),
      ),
      ...signupRows(past, uninvited, 'confirmed', new Date(invitedAt.getTime() + 2 * dayMs), (i) =>
        i < f.uninvitedAttended ? checkedInAt(40 + i) : null,
      ),
    ];
    await insertValues(ctx.sql, { into: 'event_signups', tenantId, columns: signupColumns, rows });
    await ctx.sql.executeSql(
      `UPDATE events SET status = 'closed', published_at = $3, closed_at = $4 WHERE tenant_id = $1 AND id = $2`,
      [tenantId, past, new Date(now.getTime() - 31 * dayMs), new Date(pastStart.getTime() + dayMs)],
    );
    // Check-in points, once per sign-up, as staff's scans earned them.
    for (const r of rows.filter((x) => x[7] !== null))
      await earnByRule(ctx, { customerId: String(r[2]), rule: 'event', sourceId: String(r[0]), storeId: store });
    // The activity questionnaire answered by some attendees (in the app after the event).
    const version = parseRows(
      z.object({ qid: col.text, vid: col.text }),
      await ctx.sql.executeSql(
        `SELECT q.id AS qid, v.id AS vid FROM questionnaires q JOIN questionnaire_versions v ON v.tenant_id = $1
           AND v.tenant_id = q.tenant_id AND v.questionnaire_id = q.id AND v.status = 'published'
         WHERE q.tenant_id = $1 AND q.template_key = 'activity'`,
        [tenantId],
      ),
    )[0];
    if (version) {
      const levels = ['very_satisfied', 'very_satisfied', 'satisfied', 'very_satisfied', 'satisfied', 'fair'];
      const answered = rows.filter((x) => x[7] !== null).slice(0, demoEvents.answered);
      const answeredAt = new Date(pastStart.getTime() + dayMs);
      const responses = answered.map((r, i) => [
        newRowId(),
        String(r[2]),
        JSON.stringify({ A1: { choice: levels[i % levels.length] }, A2: { choice: 'sms' }, A3: { choice: 'yes' } }),
      ]);
      await insertValues(ctx.sql, {
        into: 'survey_responses',
        tenantId,
        shared: {
          questionnaire_id: version.qid,
          version_id: version.vid,
          channel: 'app',
          status: 'complete',
          store_id: store,
          invited_at: answeredAt,
          answered_at: answeredAt,
          created_at: answeredAt,
        },
        columns: ['id', 'customer_id', 'answers'],
        rows: responses,
      });
      for (let i = 0; i < answered.length; i++)
        await ctx.sql.executeSql(`UPDATE event_signups SET survey_response_id = $3 WHERE tenant_id = $1 AND id = $2`, [
          tenantId,
          String(answered[i]?.[0]),
          String(responses[i]?.[0]),
        ]);
    }

    // In ten days: the self-drive tour, published to everyone, full, three waiting.
    const u = demoEvents.upcoming;
    const start = new Date(now.getTime() + 10 * dayMs);
    start.setUTCHours(0, 30, 0, 0);
    const tour = newRowId();
    await insertEvent(
      ctx.sql,
      tenantId,
      tour,
      {
        title: '车友会·千岛湖两日自驾游',
        kind: 'tour',
        description: '车友会冬季自驾：千岛湖环湖路线，出发前免费安全检测。含一晚住宿与午餐，名额有限。',
        storeId: null,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 34 * hourMs).toISOString(),
        place: '集团总部停车场集合',
        capacity: u.capacity,
        signupDeadline: new Date(start.getTime() - 3 * dayMs).toISOString(),
        audience: { kind: 'all' },
        costFen: 1_200_000,
      },
      { at: new Date(now.getTime() - 5 * dayMs), by: null },
    );
    await ctx.sql.executeSql(
      `UPDATE events SET status = 'published', published_at = $3 WHERE tenant_id = $1 AND id = $2`,
      [tenantId, tour, new Date(now.getTime() - 5 * dayMs)],
    );
    const going = others.slice(f.uninvitedAttended + 2, f.uninvitedAttended + 2 + u.capacity + u.waiting);
    await insertValues(ctx.sql, {
      into: 'event_signups',
      tenantId,
      columns: signupColumns,
      rows: [
        ...signupRows(tour, going.slice(0, u.capacity), 'confirmed', new Date(now.getTime() - 4 * dayMs), () => null),
        ...signupRows(tour, going.slice(u.capacity), 'waiting', new Date(now.getTime() - dayMs), () => null),
      ],
    });
  });
};
