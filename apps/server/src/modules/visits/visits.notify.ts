import type { VisitStatus } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { publishAfterCommit } from '../../platform/events.ts';
import { enqueueNotice } from '../../platform/notify/outbox.ts';
import { confirmedOwnersOf } from '../garage/garage.queries.ts';
import { postInbox } from '../inbox/inbox.service.ts';
import { currentTenant } from '../tenants/tenants.service.ts';
import { greetingOf, plateWords, visitMessages, type CarWords } from './visits.messages.ts';
import type { VisitHeader } from './visits.queries.ts';

/**
 * Who hears about a visit: every app account with a confirmed binding to the car (a family car with
 * two accounts tells both). Everything here is written in the caller's transaction; the live events
 * leave after it commits (platform/events.ts).
 */
export type Tell =
  | { kind: 'stage'; from: VisitStatus | null; to: VisitStatus; at: Date }
  | { kind: 'estimate'; count: number; totalFen: number; added: boolean; undecided: number; at: Date }
  | { kind: 'decision'; undecided: number; at: Date }
  | { kind: 'delivered'; from: VisitStatus; next: { date: string | null; km: number | null }; at: Date };

// Owner accounts carry no language yet: the store writes to them in Chinese.
const m = visitMessages['zh-CN'];

export const tellOwners = async (ctx: Ctx, h: VisitHeader, tell: Tell): Promise<void> => {
  const owners = await confirmedOwnersOf(ctx.db, ctx.tenantId, h.v.vehicleId);
  const ownerIds = owners.map((o) => o.id);
  const visitId = h.v.id;
  const at = tell.at.toISOString();
  const words: CarWords = {
    car: plateWords(h.plate, h.vin),
    store: h.storeName,
    greeting: greetingOf(h.customerName, h.customerGender),
  };
  const link = `/visits/${visitId}`;
  const inbox = async (topic: string, msg: { title: string; body: string } | null) => {
    if (!msg) return;
    for (const ownerId of ownerIds) await postInbox(ctx, ownerId, { kind: 'transactional', topic, ...msg, link });
  };
  const sms = async (topic: string, body: string, fallbackToCustomer: boolean) => {
    const phones = new Set(owners.map((o) => o.phone));
    if (phones.size === 0 && fallbackToCustomer && h.phone) phones.add(h.phone);
    for (const to of phones) await enqueueNotice(ctx, { channel: 'sms', to, kind: 'transactional', topic, body });
  };

  switch (tell.kind) {
    case 'stage': {
      publishAfterCommit(ctx, ownerIds, { type: 'visit', data: { visitId, status: tell.to, at } });
      await inbox('visit_status', m.stage(tell.to, { ...words, from: tell.from, advisorName: h.advisorName }));
      // Ready for pickup also goes by SMS — to whoever brought the car when no app account is bound.
      if (tell.to === 'ready') await sms('visit_ready', m.readySms((await currentTenant(ctx)).shortName, words), true);
      return;
    }
    case 'estimate': {
      publishAfterCommit(ctx, ownerIds, { type: 'estimate', data: { visitId, at, undecidedLines: tell.undecided } });
      await inbox('visit_estimate', m.estimate(words, tell.count, tell.totalFen, tell.added));
      await sms('visit_estimate', m.estimateSms((await currentTenant(ctx)).shortName), false);
      return;
    }
    case 'decision':
      publishAfterCommit(ctx, ownerIds, { type: 'estimate', data: { visitId, at, undecidedLines: tell.undecided } });
      return;
    case 'delivered': {
      publishAfterCommit(ctx, ownerIds, { type: 'visit', data: { visitId, status: 'delivered', at } });
      await inbox('visit_delivered', m.delivered(words, tell.next));
      return;
    }
  }
};
