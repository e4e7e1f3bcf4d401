import type { CareRuleKey, TouchSource } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { runGate, stage, type GateOutcome } from './gate.ts';

/** What a transactional notice is about: one event of one booking or visit, for one customer. */
export type NoticeEvent = {
  customerId: string;
  vehicleId: string | null;
  source: Extract<TouchSource, 'booking' | 'visit'>;
  topic: 'booking' | 'visit';
  ruleKey: CareRuleKey | null;
  /**
   * Names the event, not the attempt: `booking:<id>:confirmed`, `visit:<id>:ready:<at>`. A retry of the
   * same event then sends nothing twice; a new event (another stage, a new estimate) has its own key.
   */
  key: string;
};

/** One message of the event, to one recipient the sender chose (the gate does not look it up). */
export type Notice = {
  channel: 'inbox' | 'sms';
  /** The app account's id (inbox) or the phone (sms). */
  address: string;
  /** The recipient's part of the dedupe key: `<owner id>:inbox`, `<owner id>:sms`, `customer:sms`. */
  recipientKey: string;
  /** The outbox / inbox topic the owner app knows ('booking_confirmed', 'visit_ready'…). */
  noticeTopic: string;
  /** The inbox title (SMS carry none). */
  title: string | null;
  body: string;
  link: string | null;
};

/**
 * Passes every message of one event through the contact gate in one batch (one staging, one run): each
 * gets its ledger row in `touches`; the inbox posts are made at once, the SMS go through the outbox.
 */
export const sendTransactional = async (
  ctx: Ctx,
  event: NoticeEvent,
  notices: readonly Notice[],
): Promise<GateOutcome[]> => {
  if (notices.length === 0) return [];
  const dueAt = ctx.clock.now();
  await stage(
    ctx,
    notices.map((n) => ({
      customerId: event.customerId,
      vehicleId: event.vehicleId,
      source: event.source,
      ruleKey: event.ruleKey,
      topic: event.topic,
      kind: 'transactional',
      channel: n.channel,
      dueAt,
      dedupeKey: `${event.key}:${n.recipientKey}`,
      priority: 0,
      subject: n.title,
      body: n.body,
      taskTitle: null,
      taskRole: null,
      storeId: null,
      assigneeId: null,
      address: n.address,
      noticeTopic: n.noticeTopic,
      link: n.link,
    })),
  );
  return runGate(ctx, { dryRun: false });
};
