import type { VisitStatus } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { publishAfterCommit, publishToStoreAfterCommit, type LiveEvent } from '../../platform/events.ts';
import { sendTransactional, type Notice } from '../contact/transactional.ts';
import { confirmedOwnersOf } from '../garage/garage.service.ts';
import { currentTenant } from '../tenants/tenants.service.ts';
import { greetingOf, plateWords, visitMessages, type CarWords } from './visits.messages.ts';
import type { VisitHeader } from './visits.queries.ts';

/**
 * Who hears about a visit: every app account with a confirmed binding to the car (a family car with
 * two accounts tells both). Every message passes the contact gate (kind transactional, topic visit):
 * one batch per event, each recipient its own touch. Everything here is written in the caller's
 * transaction; the live events leave after it commits (platform/events.ts), to the car's app accounts
 * and to the store's staff (the advisor's board and visit page follow the owner's decisions live).
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
  const publish = (event: LiveEvent) => {
    publishAfterCommit(ctx, ownerIds, event);
    publishToStoreAfterCommit(ctx, h.v.storeId, event);
  };
  const inbox = (noticeTopic: string, msg: { title: string; body: string } | null): Notice[] =>
    msg
      ? ownerIds.map((id) => ({
          channel: 'inbox',
          address: id,
          recipientKey: `${id}:inbox`,
          noticeTopic,
          ...msg,
          link,
        }))
      : [];
  // One SMS per phone (the first account that has it names it), else the customer's when allowed.
  const sms = (noticeTopic: string, body: string, fallbackToCustomer: boolean): Notice[] => {
    const byPhone = new Map<string, string>();
    for (const o of owners) if (!byPhone.has(o.phone)) byPhone.set(o.phone, o.id);
    const to = [...byPhone].map(([phone, id]) => ({ phone, key: id }));
    if (to.length === 0 && fallbackToCustomer && h.phone) to.push({ phone: h.phone, key: 'customer' });
    return to.map(({ phone, key }) => ({
      channel: 'sms',
      address: phone,
      recipientKey: `${key}:sms`,
      noticeTopic,
      title: null,
      body,
      link: null,
    }));
  };
  // The event's key: the visit, what happened and when (a stage may come round again: in_bay after
  // waiting_parts; a second estimate for added work), so a repeat is a new touch, never swallowed.
  const send = (what: string, notices: Notice[]) =>
    sendTransactional(
      ctx,
      {
        customerId: h.v.customerId,
        vehicleId: h.v.vehicleId,
        source: 'visit',
        topic: 'visit',
        ruleKey: null,
        key: `visit:${visitId}:${what}`,
      },
      notices,
    );

  switch (tell.kind) {
    case 'stage': {
      publish({ type: 'visit', data: { visitId, status: tell.to, at } });
      const notices = inbox(
        'visit_status',
        m.stage(tell.to, { ...words, from: tell.from, advisorName: h.advisorName }),
      );
      // Ready for pickup also goes by SMS — to whoever brought the car when no app account is bound.
      if (tell.to === 'ready')
        notices.push(...sms('visit_ready', m.readySms((await currentTenant(ctx)).shortName, words), true));
      await send(`${tell.to}:${at}`, notices);
      return;
    }
    case 'estimate': {
      publish({ type: 'estimate', data: { visitId, at, undecidedLines: tell.undecided } });
      await send(`estimate:${at}`, [
        ...inbox('visit_estimate', m.estimate(words, tell.count, tell.totalFen, tell.added)),
        ...sms('visit_estimate', m.estimateSms((await currentTenant(ctx)).shortName), false),
      ]);
      return;
    }
    case 'decision':
      publish({ type: 'estimate', data: { visitId, at, undecidedLines: tell.undecided } });
      return;
    case 'delivered': {
      publish({ type: 'visit', data: { visitId, status: 'delivered', at } });
      await send('delivered', inbox('visit_delivered', m.delivered(words, tell.next)));
      return;
    }
  }
};
