import type { DecisionVia, Visit, VisitStatus, estimateBody, staffLineDecisionBody } from '@m4s/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { lineChangeable, lineWorkStarted } from './line-change.ts';
import { tellOwners } from './visits.notify.ts';
import * as q from './visits.queries.ts';
import { conflict, getVisit, loadVisit } from './visits.service.ts';

/** Stages in which the estimate may change: once the car is ready, the work is what was approved. */
const editable: readonly VisitStatus[] = ['checked_in', 'in_bay', 'waiting_parts', 'quality_check'];
/** Lines written once the car is in the bay are work found during the repair. */
const duringRepair: readonly VisitStatus[] = ['in_bay', 'waiting_parts', 'quality_check'];

const assertEditable = (status: VisitStatus) => {
  if (!editable.includes(status)) throw conflict('status', 'visit_estimate_closed', { status });
};

/**
 * The advisor's draft: the given lines replace the draft lines (an `id` keeps a draft line, edited);
 * lines already sent or decided are never touched here. Drafts go after them, in the order given.
 */
export const saveEstimate = async (ctx: StaffCtx, id: string, input: z.output<typeof estimateBody>): Promise<Visit> => {
  const h = await loadVisit(ctx, id, 'visit.write');
  assertEditable(h.v.status);
  const current = await q.linesOf(ctx.db, ctx.tenantId, id);
  const drafts = new Map(current.filter(({ l }) => l.status === 'draft').map(({ l }) => [l.id, l]));
  input.lines.forEach((line, i) => {
    if (line.id && !drafts.has(line.id)) throw AppError.field(`lines.${i}.id`, 'estimate_line_not_draft');
  });
  const seen = new Set<string>();
  input.lines.forEach((line, i) => {
    if (line.id && seen.has(line.id)) throw AppError.field(`lines.${i}.id`, 'estimate_line_not_draft');
    if (line.id) seen.add(line.id);
  });
  const kept = current.filter(({ l }) => l.status !== 'draft');
  const start = kept.reduce((max, { l }) => Math.max(max, l.position + 1), 0);
  const now = ctx.clock.now();
  await q.deleteLines(ctx.db, ctx.tenantId, [...drafts.keys()]);
  await q.insertLines(
    ctx.db,
    input.lines.map(({ id: lineId, ...line }, i) => {
      const before = lineId ? drafts.get(lineId) : undefined;
      return {
        ...(lineId ? { id: lineId } : {}),
        tenantId: ctx.tenantId,
        visitId: id,
        position: start + i,
        ...line,
        status: 'draft' as const,
        addedDuringRepair: before?.addedDuringRepair ?? duringRepair.includes(h.v.status),
        createdAt: before?.createdAt ?? now,
      };
    }),
  );
  await audit(ctx, {
    action: 'visit.estimate_saved',
    target: { type: 'visit', id },
    details: { drafts: input.lines.length },
  });
  return getVisit(ctx, id);
};

/** 发送估价单: every draft line is proposed to the owner, who decides line by line. */
export const sendEstimate = async (ctx: StaffCtx, id: string): Promise<Visit> => {
  const h = await loadVisit(ctx, id, 'visit.write');
  assertEditable(h.v.status);
  const drafts = (await q.linesOf(ctx.db, ctx.tenantId, id)).filter(({ l }) => l.status === 'draft');
  if (drafts.length === 0) throw conflict('lines', 'estimate_nothing_to_send');
  const now = ctx.clock.now();
  await q.proposeDrafts(ctx.db, ctx.tenantId, id, now);
  await audit(ctx, { action: 'visit.estimate_sent', target: { type: 'visit', id }, details: { lines: drafts.length } });
  await tellOwners(ctx, h, {
    kind: 'estimate',
    count: drafts.length,
    totalFen: drafts.reduce((s, { l }) => s + l.amountFen, 0),
    added: drafts.some(({ l }) => l.addedDuringRepair),
    undecided: h.undecidedLines + drafts.length,
    at: now,
  });
  return getVisit(ctx, id);
};

/**
 * One decision on one proposed line, by the owner in the app or recorded by staff (phone, at the
 * counter) with who and when. A line decided already, or not sent yet, is refused — unless `change`
 * says the decision is to be changed (the app asked for a confirmation first): see changeDecision.
 */
export const decideLine = async (
  ctx: Ctx,
  h: q.VisitHeader,
  lineId: string,
  decision: 'approved' | 'declined',
  by: { via: DecisionVia; recordedBy: string | null; change: boolean },
) => {
  if (h.v.status === 'delivered' || h.v.status === 'ready') throw conflict('status', 'visit_estimate_closed');
  const lines = await q.linesOf(ctx.db, ctx.tenantId, h.v.id);
  const line = lines.find(({ l }) => l.id === lineId);
  if (!line || line.l.status === 'draft') throw new AppError('NOT_FOUND');
  if (by.change && line.l.status !== 'proposed') return changeDecision(ctx, h, line.l, decision, by);
  const now = ctx.clock.now();
  const done = await q.decideLine(ctx.db, ctx.tenantId, h.v.id, lineId, {
    status: decision,
    decidedAt: now,
    decidedVia: by.via,
    recordedBy: by.recordedBy,
  });
  if (!done) throw conflict('decision', 'estimate_line_decided');
  await audit(ctx, {
    action: `visit.line_${decision}`,
    target: { type: 'visit', id: h.v.id },
    details: { lineId, via: by.via, amountFen: line.l.amountFen },
  });
  const undecided = lines.filter(({ l }) => l.status === 'proposed').length - 1;
  await tellOwners(ctx, h, { kind: 'decision', undecided, at: now });
};

/**
 * 更改决定: a decision made by mistake is changed until work on the line starts (line-change.ts): the
 * visit row is locked first, so a stage move cannot start the work between the check and the change.
 * The same decision again is no change (409 estimate_line_decided, as a repeat is).
 */
const changeDecision = async (
  ctx: Ctx,
  h: q.VisitHeader,
  line: q.LineRow['l'],
  decision: 'approved' | 'declined',
  by: { via: DecisionVia; recordedBy: string | null },
) => {
  const from = line.status;
  if (from !== 'approved' && from !== 'declined') throw conflict('decision', 'estimate_line_decided');
  if (from === decision) throw conflict('decision', 'estimate_line_decided');
  const status = await q.lockVisitStatus(ctx.db, ctx.tenantId, h.v.id);
  if (!status) throw new AppError('NOT_FOUND');
  const events = (await q.eventsOf(ctx.db, ctx.tenantId, h.v.id)).map(({ e }) => e);
  if (lineWorkStarted(line, events)) throw conflict('decision', 'estimate_line_work_started');
  if (!lineChangeable(line, status, events)) throw conflict('status', 'visit_estimate_closed');
  const now = ctx.clock.now();
  const done = await q.decideLine(
    ctx.db,
    ctx.tenantId,
    h.v.id,
    line.id,
    { status: decision, decidedAt: now, decidedVia: by.via, recordedBy: by.recordedBy },
    from,
  );
  if (!done) throw conflict('decision', 'estimate_line_decided');
  await audit(ctx, {
    action: 'visit.line_changed',
    target: { type: 'visit', id: h.v.id },
    details: { lineId: line.id, from, to: decision, via: by.via, amountFen: line.amountFen },
  });
  const undecided = (await q.linesOf(ctx.db, ctx.tenantId, h.v.id)).filter(({ l }) => l.status === 'proposed').length;
  await tellOwners(ctx, h, { kind: 'decision', undecided, at: now });
};

export const recordDecision = async (
  ctx: StaffCtx,
  id: string,
  lineId: string,
  input: z.output<typeof staffLineDecisionBody>,
): Promise<Visit> => {
  const h = await loadVisit(ctx, id, 'visit.write');
  await decideLine(ctx, h, lineId, input.decision, { via: input.via, recordedBy: ctx.actor.id, change: input.change });
  return getVisit(ctx, id);
};
