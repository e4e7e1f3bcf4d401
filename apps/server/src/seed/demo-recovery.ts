import { z } from 'zod';
import { hotAlertTriggers, lowestScore, strongLine, surveyAnswers, surveyDefinition } from '@m4s/contracts';
import { col, parseRows } from '../platform/db/rows.ts';
import type { Database } from '../platform/db/types.ts';
import { addBusinessHours, isWorkingDay } from '../platform/time/work-calendar.ts';
import { addDays, dayIn, instantOf } from '../platform/time/zone.ts';
import { tenantWorkCalendar } from '../modules/calendar/calendar.service.ts';

const actions = [
  '已致电客户致歉，安排免费复检',
  '服务经理回电说明原因，赠送一次免费洗车',
  '核对工时费后退还差价',
  '预约返修，提供代步车',
];
const reactions = ['客户表示理解', '客户接受处理方案', '客户满意，感谢回电', '客户仍有意见，希望尽快解决'];

export type DemoRecovery = {
  responses: number;
  under8: number;
  alerts: number;
  open: number;
  late: number;
  escalated: number;
  closed: number;
  closedOnTime: number;
};

/**
 * The demo's hot alerts (docs/recovery.md), from the demo's survey answers and by the same opening rule
 * (contracts' hotAlertTriggers): the demo advisor's (login advisor) three most recent open — one from the
 * last working afternoon, late and escalated to the service manager — and the others closed as a store works them (most within the
 * hour, some late), with what was done and the reaction; a follow-up call for those closed in the last three
 * days, the answer for the older ones.
 */
export const seedDemoRecovery = async (db: Database, input: { tenantId: string; now: Date }): Promise<DemoRecovery> => {
  const { tenantId, now } = input;
  return db.transaction({ tenantId }, async ({ sql, db: tx }) => {
    const rows = parseRows(
      z.object({
        id: col.text,
        customer_id: col.text,
        vehicle_id: col.textOrNull,
        visit_id: col.textOrNull,
        store_id: col.textOrNull,
        answered_at: col.instant,
        definition: surveyDefinition,
        answers: surveyAnswers,
        advisor_id: col.textOrNull,
        advisor_login: col.textOrNull,
        manager_id: col.textOrNull,
      }),
      await sql.executeSql(
        `SELECT r.id, r.customer_id, r.vehicle_id, r.visit_id, COALESCE(vi.store_id, r.store_id, c.home_store_id) AS store_id,
                r.answered_at, v.definition, r.answers, COALESCE(vi.advisor_id, c.service_advisor_id) AS advisor_id,
                (SELECT a.login FROM staff a WHERE a.tenant_id = $1 AND a.id = COALESCE(vi.advisor_id, c.service_advisor_id))
                  AS advisor_login,
                -- The store's service manager, else its store manager, else the group's service manager.
                (SELECT s.id FROM staff s WHERE s.tenant_id = $1 AND s.status = 'active'
                   AND s.role IN ('service_manager', 'store_manager')
                 ORDER BY (s.store_id = COALESCE(vi.store_id, r.store_id, c.home_store_id)) DESC NULLS LAST,
                          (s.role = 'service_manager') DESC, s.created_at, s.id LIMIT 1) AS manager_id
           FROM survey_responses r
           JOIN questionnaire_versions v ON v.tenant_id = r.tenant_id AND v.id = r.version_id
           JOIN customers c ON c.tenant_id = r.tenant_id AND c.id = r.customer_id
           LEFT JOIN visits vi ON vi.tenant_id = r.tenant_id AND vi.id = r.visit_id
          WHERE r.tenant_id = $1 AND r.status = 'complete' AND r.answered_at IS NOT NULL
          ORDER BY r.answered_at DESC, r.id`,
        [tenantId],
      ),
      'demo responses',
    );
    const today = dayIn(now, 'Asia/Shanghai');
    const cal = await tenantWorkCalendar({ db: tx, tenantId }, { from: addDays(today, -90), to: addDays(today, 62) });
    let lastWorkday = addDays(dayIn(now, cal.zone), -1);
    while (!isWorkingDay(cal, lastWorkday)) lastWorkday = addDays(lastWorkday, -1);
    const out: DemoRecovery = {
      responses: rows.length,
      under8: 0,
      alerts: 0,
      open: 0,
      late: 0,
      escalated: 0,
      closed: 0,
      closedOnTime: 0,
    };
    const hot = rows.flatMap((r) => {
      const triggers = hotAlertTriggers(r.definition, r.answers);
      return triggers.length > 0 ? [{ r, triggers }] : [];
    });
    // The open ones: the demo advisor's (login advisor) most recent, so that signing in shows them.
    const theirs = hot.filter((x) => x.r.advisor_login === 'advisor');
    const openIds = (theirs.length >= 3 ? theirs : hot).slice(0, 3).map((x) => x.r.id);
    for (const { r, triggers } of hot) {
      const score = lowestScore(triggers);
      if (score !== null) out.under8++;
      const n = out.alerts++;
      const open = openIds.includes(r.id);
      const k = openIds.indexOf(r.id);
      // The open ones were raised today (the third one yesterday afternoon, left late and escalated).
      const openedAt = !open
        ? r.answered_at
        : k === 2
          ? instantOf(lastWorkday, '14:00', cal.zone)
          : new Date(now.getTime() - (k + 1) * 20 * 60_000);
      const dueAt = addBusinessHours(cal, openedAt, 1);
      const late = open && dueAt.getTime() < now.getTime();
      const escalated = open && k === 2;
      const closedAt = open ? null : new Date(openedAt.getTime() + (n % 8 === 0 ? 200 : 20 + (n % 4) * 10) * 60_000);
      const strong = score !== null && score <= strongLine;
      const reactionCode = strong && n % 2 === 0 ? 'still_dissatisfied' : n % 3 === 0 ? 'satisfied' : 'accepted';
      const followUpDue = closedAt ? new Date(closedAt.getTime() + 3 * 86_400_000) : null;
      let followUpTaskId: string | null = null;
      if (followUpDue && followUpDue.getTime() > now.getTime()) {
        const task = await sql.executeSql(
          `INSERT INTO care_tasks (tenant_id, kind, customer_id, vehicle_id, store_id, role, title, script, due_at,
              created_at, updated_at)
           VALUES ($1, 'recovery_followup', $2, $3, $4, 'cs_specialist', '服务补救回访：问题是否已解决',
                   '您好，几天前我们就您反映的问题与您联系并做了处理，想了解一下问题是否已经解决？', $5, $6, $6)
           RETURNING id`,
          [tenantId, r.customer_id, r.vehicle_id, r.store_id, followUpDue, closedAt],
        );
        followUpTaskId = String(task.rows[0]?.id);
      }
      await sql.executeSql(
        `INSERT INTO recovery_alerts (tenant_id, response_id, customer_id, vehicle_id, visit_id, store_id, assignee_id,
            score, triggers, strong, status, opened_at, due_at, escalated_at, escalated_to, closed_at, closed_by,
            action, reaction, reaction_code, follow_up_task_id, follow_up_answer)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
         ON CONFLICT (tenant_id, response_id) DO NOTHING`,
        [
          tenantId,
          r.id,
          r.customer_id,
          r.vehicle_id,
          r.visit_id,
          r.store_id,
          r.advisor_id ?? r.manager_id,
          score,
          JSON.stringify(triggers.map((t) => t.question)),
          strong || reactionCode === 'still_dissatisfied',
          open ? 'open' : 'closed',
          openedAt,
          dueAt,
          escalated ? dueAt : null,
          escalated ? r.manager_id : null,
          closedAt,
          closedAt ? (r.advisor_id ?? r.manager_id) : null,
          closedAt ? actions[n % actions.length] : null,
          closedAt ? reactions[reactionCode === 'still_dissatisfied' ? 3 : n % 3] : null,
          closedAt ? reactionCode : null,
          followUpTaskId,
          followUpDue && !followUpTaskId ? (n % 5 === 0 ? 'partly' : 'resolved') : null,
        ],
      );
      if (open) out.open++;
      if (late) out.late++;
      if (escalated) out.escalated++;
      if (closedAt) {
        out.closed++;
        if (closedAt.getTime() <= dueAt.getTime()) out.closedOnTime++;
      }
    }
    return out;
  });
};
