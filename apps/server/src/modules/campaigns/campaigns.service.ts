import {
  campaignEventChannels,
  campaignInput,
  campaignMargin,
  invitationSuccessRate,
  responseRate,
  revenuePerVehicle,
  uplift,
  type Campaign,
  type CampaignCounts,
  type CampaignGroupResult,
  type CampaignResults,
  type CampaignSpec,
  type CampaignStrategy,
} from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { newRowId } from '../../platform/db/ids.ts';
import { AppError } from '../../platform/errors.ts';
import { openEventOffer } from '../events/invite.service.ts';
import { createTemplate } from '../loyalty/loyalty.service.ts';
import * as q from './campaigns.queries.ts';
import { campaignSendJobName } from './campaigns.job-name.ts';
import { decide, sendNow } from './campaigns.send.ts';
import { campaignTemplates } from './campaigns.templates.ts';

/** 营销活动 (docs/campaigns.md): drafts, the preview, the send (now or at its time), the results. */

const dayMs = 24 * 60 * 60 * 1000;

const specOf = (row: q.CampaignRow): CampaignSpec =>
  campaignInput.parse({
    name: row.name,
    strategy: row.strategy,
    audience: row.audience,
    offer: row.offer,
    channel: row.channel,
    message: row.message,
    scheduledAt: row.scheduled_at?.toISOString() ?? null,
    attributionDays: row.attribution_days,
    controlPercent: row.control_percent,
    costFen: row.cost_fen,
  });

const present = (row: q.CampaignRow): Campaign => ({
  id: row.id,
  name: row.name,
  strategy: row.strategy,
  status: row.status,
  audience: row.audience,
  offer: row.offer,
  offerName: row.offer_name,
  channel: row.channel,
  message: row.message,
  scheduledAt: row.scheduled_at?.toISOString() ?? null,
  attributionDays: row.attribution_days,
  controlPercent: row.control_percent,
  costFen: row.cost_fen,
  createdAt: row.created_at.toISOString(),
  sentAt: row.sent_at?.toISOString() ?? null,
  windowEndsAt: row.sent_at ? new Date(row.sent_at.getTime() + row.attribution_days * dayMs).toISOString() : null,
  counts: row.counts,
});

const conflict = (path: string, message: string) =>
  new AppError('CONFLICT', undefined, { issues: [{ path, message }] });

const found = async (ctx: Ctx, id: string, lock = false) => {
  const row = await q.campaignById(ctx.sql, ctx.tenantId, id, lock);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

/**
 * The offer names the tenant's active coupon template, service type, or a published event open for
 * sign-up (by SMS or the inbox); stores are the tenant's. Returns the offer's name.
 */
const checkRefs = async (ctx: Ctx, spec: CampaignSpec): Promise<string | null> => {
  const o = spec.offer;
  const event = o.kind === 'event' ? await openEventOffer(ctx, o.eventId) : null;
  if (o.kind === 'event' && !event) throw AppError.field('offer.eventId', 'reference_unknown');
  if (o.kind === 'event' && !(campaignEventChannels as readonly string[]).includes(spec.channel))
    throw AppError.field('channel', 'campaign_event_channel');
  const refs = await q.offerRefs(
    ctx.sql,
    ctx.tenantId,
    o.kind === 'coupon' ? o.templateId : null,
    o.kind === 'package' ? o.serviceTypeId : null,
  );
  if (o.kind === 'coupon' && refs.template === null) throw AppError.field('offer.templateId', 'reference_unknown');
  if (o.kind === 'coupon' && refs.template === false) throw conflict('offer.templateId', 'loyalty_template_inactive');
  if (o.kind === 'package' && !refs.service_type) throw AppError.field('offer.serviceTypeId', 'reference_unknown');
  const stores = spec.audience.storeIds;
  const known = await q.knownStores(ctx.sql, ctx.tenantId, stores);
  const missing = stores.findIndex((s) => !known.includes(s));
  if (missing >= 0) throw AppError.field(`audience.storeIds.${missing}`, 'reference_unknown');
  if (spec.scheduledAt && new Date(spec.scheduledAt).getTime() <= ctx.clock.now().getTime() - 60_000)
    throw AppError.field('scheduledAt', 'campaign_scheduled_past');
  return o.kind === 'coupon' ? refs.template_name : o.kind === 'package' ? o.name : (event?.title ?? null);
};

export const list = async (ctx: StaffCtx) => ({ items: (await q.campaignList(ctx.sql, ctx.tenantId)).map(present) });

export const get = async (ctx: StaffCtx, id: string) => present(await found(ctx, id));

export const templates = async () => ({ items: [...campaignTemplates] });

export const create = async (ctx: StaffCtx, spec: CampaignSpec) => {
  await checkRefs(ctx, spec);
  const id = newRowId();
  await q.insertCampaign(ctx.sql, ctx.tenantId, { id, spec, createdBy: ctx.actor.id, at: ctx.clock.now() });
  await audit(ctx, { action: 'campaign.saved', target: { type: 'campaign', id } });
  return present(await found(ctx, id));
};

export const update = async (ctx: StaffCtx, id: string, spec: CampaignSpec) => {
  await found(ctx, id, true);
  await checkRefs(ctx, spec);
  if (!(await q.updateDraft(ctx.sql, ctx.tenantId, id, spec))) throw conflict('status', 'campaign_not_draft');
  await audit(ctx, { action: 'campaign.saved', target: { type: 'campaign', id } });
  return present(await found(ctx, id));
};

/** A draft from seed 002's strategy: its coupon template is made (through membership) unless one is chosen. */
export const fromTemplate = async (ctx: StaffCtx, input: { strategy: CampaignStrategy; templateId: string | null }) => {
  const t = campaignTemplates.find((x) => x.strategy === input.strategy);
  if (!t) throw new AppError('NOT_FOUND');
  const templateId =
    input.templateId ??
    (
      await createTemplate(ctx, {
        ...t.coupon,
        minSpendFen: 0,
        storeIds: [],
        orderTypes: [],
        pointsCost: null,
        active: true,
      })
    ).id;
  return create(ctx, campaignInput.parse({ ...t.campaign, offer: { kind: 'coupon', templateId } }));
};

/** Who would be reached and held back, and why — the send's own procedure as a dry run. */
export const preview = async (ctx: StaffCtx, input: { campaign: CampaignSpec; campaignId: string | null }) => {
  const offerName = await checkRefs(ctx, { ...input.campaign, scheduledAt: null });
  const row = input.campaignId ? await found(ctx, input.campaignId) : null;
  return (await decide(ctx, { spec: input.campaign, seed: row?.id ?? 'preview', offerName, dryRun: true })).counts;
};

const sendRow = async (ctx: Ctx, row: q.CampaignRow): Promise<CampaignCounts> => {
  const counts = await sendNow(ctx, row, specOf(row));
  await q.setStatus(ctx.sql, ctx.tenantId, row.id, ['draft', 'scheduled'], {
    status: 'sent',
    counts,
    sentAt: ctx.clock.now(),
  });
  await audit(ctx, { action: 'campaign.sent', target: { type: 'campaign', id: row.id }, details: { ...counts } });
  return counts;
};

/**
 * Sends a draft now through the contact gate, or — with a time still ahead — schedules it (a job sends it
 * then). The row is locked first: two sends at once make one.
 */
export const send = async (ctx: StaffCtx, id: string) => {
  const row = await found(ctx, id, true);
  if (row.status !== 'draft') throw conflict('status', 'campaign_not_draft');
  await checkRefs(ctx, specOf(row));
  const at = row.scheduled_at;
  if (at && at.getTime() > ctx.clock.now().getTime()) {
    await q.setStatus(ctx.sql, ctx.tenantId, id, ['draft'], { status: 'scheduled' });
    await ctx.jobs.send(campaignSendJobName, { tenantId: ctx.tenantId, campaignId: id }, { startAfter: at });
    await audit(ctx, { action: 'campaign.scheduled', target: { type: 'campaign', id } });
  } else await sendRow(ctx, row);
  return present(await found(ctx, id));
};

/** The job at a scheduled campaign's time (or a later retry): sends it once, if still scheduled. */
export const sendScheduled = async (ctx: Ctx, id: string) => {
  const row = await q.campaignById(ctx.sql, ctx.tenantId, id, true);
  if (!row || row.status !== 'scheduled') return false;
  await sendRow(ctx, row);
  return true;
};

export const cancel = async (ctx: StaffCtx, id: string) => {
  await found(ctx, id, true);
  if (!(await q.setStatus(ctx.sql, ctx.tenantId, id, ['draft', 'scheduled'], { status: 'cancelled' })))
    throw conflict('status', 'campaign_sent');
  await audit(ctx, { action: 'campaign.cancelled', target: { type: 'campaign', id } });
  return present(await found(ctx, id));
};

const group = (r: Awaited<ReturnType<typeof q.groupResults>>[number] | undefined): CampaignGroupResult => {
  const g = r ?? { customers: 0, responders: 0, bookings: 0, visits: 0, revenue_fen: 0, parts_cost_fen: 0 };
  return {
    customers: g.customers,
    responders: g.responders,
    bookings: g.bookings,
    visits: g.visits,
    revenueFen: g.revenue_fen,
    grossMarginFen: g.revenue_fen - g.parts_cost_fen,
    responseRate: responseRate(g.responders, g.customers),
    revenuePerCustomerFen: revenuePerVehicle(g.revenue_fen, g.customers),
  };
};

/** An event offer's sign-ups and check-ins by group: the invitation success rate of the reached. */
const eventResults = async (ctx: Ctx, id: string, eventId: string, invited: number) => {
  const rows = await q.eventSignups(ctx.sql, ctx.tenantId, id, eventId);
  const of = (grp: string) => rows.find((r) => r.grp === grp) ?? { signed_up: 0, checked_in: 0 };
  return {
    eventId,
    signedUp: of('reached').signed_up,
    checkedIn: of('reached').checked_in,
    controlSignedUp: of('control').signed_up,
    controlCheckedIn: of('control').checked_in,
    successRate: invitationSuccessRate({ invited, invitedAttended: of('reached').checked_in }),
  };
};

/**
 * The results within the window (send → send + attribution days): the reached against the control group,
 * what used the campaign's coupon directly, and the textbook's KPIs.
 */
export const results = async (ctx: StaffCtx, id: string): Promise<CampaignResults> => {
  const row = await found(ctx, id);
  if (!row.sent_at) throw conflict('status', 'campaign_not_sent');
  const from = row.sent_at;
  const to = new Date(from.getTime() + row.attribution_days * dayMs);
  const rows = await q.groupResults(ctx.sql, ctx.tenantId, id, from, to);
  const reached = group(rows.find((r) => r.grp === 'reached'));
  const control = group(rows.find((r) => r.grp === 'control'));
  const direct = await q.directResults(ctx.sql, ctx.tenantId, id, {
    serviceTypeId: row.offer.kind === 'package' ? row.offer.serviceTypeId : null,
    from,
    to,
  });
  const costFen = row.cost_fen + direct.discount_fen;
  const event = row.offer.kind === 'event' ? await eventResults(ctx, id, row.offer.eventId, reached.customers) : null;
  return {
    campaignId: id,
    windowStart: from.toISOString(),
    windowEnd: to.toISOString(),
    open: to.getTime() > ctx.clock.now().getTime(),
    reached,
    control,
    direct: { bookings: direct.bookings, visits: direct.visits, revenueFen: direct.revenue_fen },
    couponsIssued: direct.coupons,
    couponsRedeemed: direct.redeemed,
    event,
    costFen,
    kpis: {
      responseRate: reached.responseRate,
      controlResponseRate: control.customers > 0 ? control.responseRate : null,
      uplift: control.customers > 0 ? uplift(reached.responseRate, control.responseRate) : null,
      revenuePerVehicleFen: reached.revenuePerCustomerFen,
      margin: campaignMargin(reached.revenueFen, costFen),
    },
  };
};
