import { createHash } from 'node:crypto';
import type { CampaignCounts, CampaignSpec } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { dayIn } from '../../platform/time/zone.ts';
import { runGate, stage, type GateOutcome, type TouchCandidate } from '../contact/gate.ts';
import { openEventOffer, recordCampaignInvitations } from '../events/invite.service.ts';
import { issueCoupon } from '../loyalty/coupons.service.ts';
import * as q from './campaigns.queries.ts';

/**
 * The preview and the send are one procedure (docs/campaigns.md): select the audience, split off the
 * control group, pass everyone else through the contact gate as marketing — a dry run for the preview, for
 * real for the send — and count. Taken at the same moment over the same data, both give the same counts.
 */

/**
 * The control group: a customer is held back when the first 32 bits of sha256(<campaign>:<customer>), as a
 * fraction of 2^32, fall below the percentage — reproducible (the preview and the send agree, a re-run
 * gives the same split), independent of the audience's order and size, and recorded per customer.
 */
export const inControl = (seed: string, customerId: string, percent: number): boolean => {
  if (percent <= 0) return false;
  const h = createHash('sha256').update(`${seed}:${customerId}`).digest();
  return h.readUInt32BE(0) / 2 ** 32 < percent / 100;
};

/** The words that go: the campaign's message and what it offers. */
const bodyOf = (spec: CampaignSpec, offerName: string | null) =>
  offerName && !spec.message.includes(offerName) ? `${spec.message}（${offerName}）` : spec.message;

const chunk = 500;
const eventSmsHint = '打开车主App「我的 › 活动」即可报名。';
/** A marketing touch makes sense the moment it goes: held back by a cap, it expires rather than go later without its coupon. */
const lifetimeMs = 60 * 60 * 1000;

export type Decided = {
  counts: CampaignCounts;
  members: { customerId: string; outcome: GateOutcome | null }[];
};

const reachedDecisions = new Set(['sent', 'deferred']);
export const isReached = (o: GateOutcome | null) => o !== null && reachedDecisions.has(o.decision) && !o.duplicate;

/** Audience → control split → the gate (dry run or not) → counts. `seed` is the campaign's id. */
export const decide = async (
  ctx: Ctx,
  input: { spec: CampaignSpec; seed: string; offerName: string | null; dryRun: boolean },
): Promise<Decided> => {
  const { spec, seed } = input;
  const now = ctx.clock.now();
  const audience = await q.audienceOf(
    ctx.sql,
    ctx.tenantId,
    spec.audience,
    dayIn(now, await q.tenantZone(ctx.sql, ctx.tenantId)),
  );
  // An event offer: the message is its invitation, linking to the event in the owner app (an SMS says where).
  const event = spec.offer.kind === 'event' ? await openEventOffer(ctx, spec.offer.eventId) : null;
  const body = bodyOf(spec, input.offerName) + (event && spec.channel === 'sms' ? eventSmsHint : '');
  const keyOf = (customerId: string) => `campaign:${seed}:${customerId}`;
  const targets = audience.filter((m) => !inControl(seed, m.customer_id, spec.controlPercent));
  const outcomes = new Map<string, GateOutcome>();
  for (let i = 0; i < targets.length; i += chunk) {
    const candidates: TouchCandidate[] = targets.slice(i, i + chunk).map((m) => ({
      customerId: m.customer_id,
      vehicleId: m.vehicle_id,
      source: 'campaign',
      ruleKey: null,
      topic: 'offers',
      kind: 'marketing',
      channel: spec.channel,
      dueAt: now,
      dedupeKey: keyOf(m.customer_id),
      priority: 80,
      subject: spec.name,
      body,
      taskTitle: spec.channel === 'call' ? spec.name : null,
      taskRole: spec.channel === 'call' ? 'cs_specialist' : null,
      storeId: m.store_id,
      assigneeId: null,
      expiresAt: new Date(now.getTime() + lifetimeMs),
      ...(event ? { noticeTopic: event.noticeTopic, link: event.link } : {}),
    }));
    await stage(ctx, candidates);
    for (const o of await runGate(ctx, { dryRun: input.dryRun })) outcomes.set(o.dedupeKey, o);
  }
  const counts: CampaignCounts = {
    audience: audience.length,
    reached: 0,
    deferred: 0,
    held: 0,
    control: 0,
    reasons: {},
  };
  const hold = (reason: string) => {
    counts.held++;
    counts.reasons[reason] = (counts.reasons[reason] ?? 0) + 1;
  };
  const members = audience.map((m) => {
    const outcome = outcomes.get(keyOf(m.customer_id)) ?? null;
    if (!outcome) {
      counts.control++;
      hold('control');
    } else if (isReached(outcome)) {
      counts.reached++;
      if (outcome.decision === 'deferred') counts.deferred++;
    } else hold(outcome.duplicate ? 'duplicate' : (outcome.reason ?? outcome.decision));
    return { customerId: m.customer_id, outcome };
  });
  return { counts, members };
};

/**
 * The send, in the caller's transaction: the gate for real, the coupon to each reached customer (once:
 * keyed on campaign and customer), every audience member recorded with their group and reason.
 */
export const sendNow = async (ctx: Ctx, row: q.CampaignRow, spec: CampaignSpec) => {
  const decided = await decide(ctx, { spec, seed: row.id, offerName: row.offer_name, dryRun: false });
  const offer = spec.offer;
  const members: q.MemberInsert[] = [];
  for (const m of decided.members) {
    const reached = isReached(m.outcome);
    const couponId =
      reached && offer.kind === 'coupon'
        ? await issueCoupon(ctx, {
            templateId: offer.templateId,
            customerId: m.customerId,
            origin: 'campaign',
            issueKey: `campaign:${row.id}:${m.customerId}`,
          })
        : null;
    members.push({
      customerId: m.customerId,
      grp: m.outcome === null ? 'control' : reached ? 'reached' : 'held',
      reason: m.outcome === null ? 'control' : reached ? null : (m.outcome.reason ?? m.outcome.decision),
      decision: m.outcome?.decision ?? null,
      couponId,
    });
  }
  await q.insertMembers(ctx.sql, ctx.tenantId, row.id, members);
  // An event offer: everyone the gate decided on (not the control group) is the event's invitee.
  if (offer.kind === 'event')
    await recordCampaignInvitations(
      ctx,
      offer.eventId,
      spec.channel,
      decided.members.flatMap((m) =>
        m.outcome && !m.outcome.duplicate
          ? [{ customerId: m.customerId, decision: m.outcome.decision, reason: m.outcome.reason }]
          : [],
      ),
    );
  return decided.counts;
};
