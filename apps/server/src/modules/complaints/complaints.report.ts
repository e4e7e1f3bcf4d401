import { and, eq, gte } from 'drizzle-orm';
import type { ComplaintDeadlineKind, ComplaintReport, ComplaintSeverity } from '@m4s/contracts';
import { complaintDeadlineKinds } from '@m4s/contracts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { complaints, staff, stores } from '../../platform/db/schema/index.ts';
import { localOf } from '../../platform/time/zone.ts';
import { getCase } from './complaints.service.ts';
import { calendarFor, deadlinesOf, stateOf } from './complaints.deadlines.ts';

/** How heavily a case weighs in the ranking (frequency × intensity). */
export const severityWeight: Record<ComplaintSeverity, number> = {
  normal: 1,
  beyond_authority: 2,
  oem_transfer: 2,
  difficult: 3,
  major: 5,
};

const ranked = (m: Map<string, { label: string; count: number; score: number }>) =>
  [...m.entries()]
    .map(([key, v]) => ({ key, ...v }))
    .sort((a, b) => b.score - a.score || b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, 50);

const bump = (
  m: Map<string, { label: string; count: number; score: number }>,
  key: string,
  label: string,
  w: number,
) => {
  const v = m.get(key) ?? { label, count: 0, score: 0 };
  v.count += 1;
  v.score += w;
  m.set(key, v);
};

/**
 * The complaint analysis of the last twelve months (seed-001 §3.10): open cases by deadline state,
 * deadline compliance per stage, category × cause ranked by frequency × intensity, per handler and store.
 * A store's staff see their store; group staff the whole tenant.
 */
export const complaintReport = async (ctx: StaffCtx): Promise<ComplaintReport> => {
  authorize(ctx.actor, 'complaint.manage');
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - 365 * 86_400_000);
  const rows = await ctx.db
    .select({ c: complaints, handlerName: staff.name, storeName: stores.name })
    .from(complaints)
    .leftJoin(staff, and(eq(staff.tenantId, complaints.tenantId), eq(staff.id, complaints.handlerId)))
    .leftJoin(stores, and(eq(stores.tenantId, complaints.tenantId), eq(stores.id, complaints.storeId)))
    .where(
      and(
        eq(complaints.tenantId, ctx.tenantId),
        gte(complaints.receivedAt, since),
        ctx.actor.storeId ? eq(complaints.storeId, ctx.actor.storeId) : undefined,
      ),
    );
  const cal = await calendarFor(ctx, now);
  const open = { total: 0, running: 0, warning: 0, overdue: 0 };
  const compliance = new Map<ComplaintDeadlineKind, { met: number; late: number }>(
    complaintDeadlineKinds.map((k) => [k, { met: 0, late: 0 }]),
  );
  const causes = new Map<string, { label: string; count: number; score: number }>();
  const perHandler = new Map<string, { label: string; count: number; score: number }>();
  const perStore = new Map<string, { label: string; count: number; score: number }>();
  for (const { c, handlerName, storeName } of rows) {
    const states = deadlinesOf(c).map((d) => ({ d, s: stateOf(cal, d, now) }));
    if (c.status === 'open') {
      open.total++;
      const worst = states.some((x) => x.s === 'overdue')
        ? 'overdue'
        : states.some((x) => x.s === 'warning')
          ? 'warning'
          : 'running';
      open[worst]++;
    }
    for (const { d, s } of states) {
      const entry = compliance.get(d.kind);
      if (!entry) continue;
      if (s === 'met') entry.met++;
      else if (s === 'late' || s === 'overdue') entry.late++;
    }
    if (c.kind !== 'complaint') continue;
    const w = severityWeight[c.severity];
    const key = `${c.category}:${c.cause ?? 'unknown'}`;
    bump(causes, key, key, w);
    if (c.handlerId) bump(perHandler, c.handlerId, handlerName ?? '', w);
    bump(perStore, c.storeId ?? 'group', storeName ?? '', w);
  }
  return {
    open,
    compliance: complaintDeadlineKinds.map((kind) => ({ kind, ...(compliance.get(kind) ?? { met: 0, late: 0 }) })),
    causes: ranked(causes),
    perHandler: ranked(perHandler),
    perStore: ranked(perStore),
  };
};

const levelNames = ['处理人', '服务经理/站长', '总经理', '厂家区域经理'];

/**
 * The draft of the written report to the OEM (seed-001 §3.3: how it arose, what makes it hard, the
 * proposed approach), generated from the case; the manager completes it and sends it.
 */
export const oemDraft = async (ctx: StaffCtx, id: string) => {
  authorize(ctx.actor, 'complaint.manage');
  const page = await getCase(ctx, id);
  const c = page.complaint;
  const at = (iso: string | null) => {
    if (!iso) return '—';
    const l = localOf(new Date(iso), 'Asia/Shanghai');
    return `${l.day} ${l.time}`;
  };
  const lines = [
    '重大投诉书面报告（致厂家售后区域经理）',
    '',
    `客户：${page.customerName}；车辆：${c.plate ?? '—'}`,
    `受理时间：${at(c.receivedAt)}；受理人：${c.receivedBy?.name ?? '车主App'}；渠道：${c.channel}`,
    `类别：${c.category}；分类：${c.classification ?? '—'}；原因：${c.cause ?? '—'}；严重程度：${c.severity}`,
    '',
    `投诉内容：${c.summary}`,
    `客户诉求：${c.customerRequest ?? '—'}`,
    '',
    `目前处理情况：阶段 ${c.stage}；首次联系 ${at(page.events.find((e) => e.kind === 'contacted')?.at ?? null)}；处理人 ${c.handler?.name ?? '未指派'}；升级至 ${levelNames[c.escalationLevel] ?? ''}`,
    '难点：（请补充）',
    '拟处理意见与建议：（请补充）',
  ];
  return { text: lines.join('\n') };
};
