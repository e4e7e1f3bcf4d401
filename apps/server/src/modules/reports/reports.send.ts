// Sending a month's reports to their subscribers (docs/reports.md): an e-mail through the notification outbox
// naming the report, its off-target KPIs and where to download each subscribed file. Subscribers whose role no
// longer reads KPIs, or no longer works in the subscribed store, are skipped.
import { roleGrants, type Role } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { enqueueNotice } from '../../platform/notify/outbox.ts';
import type { ReportModel } from './report-model.ts';
import * as q from './reports.queries.ts';

export const reportTopic = 'monthly_report';

const mayRead = (s: q.SubRow) => {
  const grant = roleGrants[s.staff_role as Role];
  if (!grant?.permissions.includes('kpi.read')) return false;
  return grant.scope === 'group' || (s.store_id !== null && s.store_id === s.staff_store_id);
};

const bodyOf = (model: ReportModel, format: q.SubRow['format']) => {
  const files = format === 'both' ? 'XLSX 和 PDF' : format.toUpperCase();
  const off = model.sections[0]?.rows.filter((_, i) => model.sections[0]?.marked[i]).map((r) => `· ${String(r[0])}`);
  return [
    `${model.title}已生成。`,
    model.note,
    ...(off ?? []),
    `请登录管理后台「月度报告」页面（/admin/reports）下载 ${files}。`,
  ].join('\n');
};

/** E-mails each subscriber of the scopes just made (null: the group) once; the reports are then marked sent. */
export const sendMonth = async (ctx: Ctx, month: string, made: Map<string | null, ReportModel>) => {
  let sent = 0;
  let noEmail = 0;
  for (const s of await q.subscriptionsOf(ctx.sql, ctx.tenantId, null)) {
    const model = made.get(s.store_id);
    if (!model || !mayRead(s)) continue;
    if (!s.email) {
      noEmail++;
      continue;
    }
    await enqueueNotice(ctx, {
      channel: 'email',
      to: s.email,
      kind: 'transactional',
      topic: reportTopic,
      subject: model.title,
      body: bodyOf(model, s.format),
    });
    sent++;
  }
  await q.markSent(ctx.sql, ctx.tenantId, month, ctx.clock.now());
  return { sent, noEmail };
};
