import {
  advisorRoles,
  assistOutcomes,
  chatAttachment,
  chatSenders,
  chatSource,
  roleGrants,
  type AdvisorRole,
  type ChatMessage,
  type OwnerChatEntry,
  type Role,
  type StaffConversation,
} from '@m4s/contracts';
import type { StaffActor } from '../../platform/context.ts';
import { maskPhone } from '../customers/customers.mask.ts';
import type { ConversationRow, MessageRow } from './chat.queries.ts';

const pick = <T extends string>(list: readonly T[], v: string | null): T | null => list.find((x) => x === v) ?? null;

export const toMessage = (r: MessageRow): ChatMessage => {
  const source = chatSource.safeParse(r.source);
  const attachment = chatAttachment.safeParse(r.attachment);
  return {
    id: r.id,
    conversationId: r.conversation_id,
    sender: pick(chatSenders, r.sender) ?? 'system',
    senderName: r.sender_name,
    text: r.body,
    hasPhoto: r.has_photo,
    at: r.created_at.toISOString(),
    source: source.success ? source.data : null,
    outcome: pick(assistOutcomes, r.outcome),
    handoverTo: pick(advisorRoles, r.handover_to),
    attachment: r.attachment && attachment.success ? attachment.data : null,
  };
};

/** The role whose store pool answers a kind of conversation when the customer has no (active) advisor of it. */
export const poolKindOf = (role: Role): AdvisorRole | null =>
  role === 'sales_consultant'
    ? 'sales'
    : role === 'service_advisor'
      ? 'service'
      : role === 'cs_specialist'
        ? 'insurance'
        : null;

/**
 * Whether a staff member may read and answer a conversation: group-scoped roles every one of the tenant,
 * store-scoped roles their store's, the others (consultants, advisors) their customers' and their store's pool.
 */
export const inScope = (actor: StaffActor, c: ConversationRow): boolean => {
  const scope = roleGrants[actor.role].scope;
  if (scope === 'group') return true;
  if (scope === 'store') return c.store_id === actor.storeId;
  if (c.advisor_id) return c.advisor_id === actor.id;
  return c.store_id === actor.storeId && c.kind === poolKindOf(actor.role);
};

export const toStaffConversation = (actor: StaffActor, c: ConversationRow): StaffConversation => ({
  id: c.id,
  kind: pick(advisorRoles, c.kind) ?? 'service',
  storeId: c.store_id,
  customerId: c.customer_id,
  customerName: c.customer_name,
  // Search results and lists mask; the customer page shows the number to those who may see it.
  phoneMasked: c.phone ? maskPhone(c.phone) : null,
  advisorName: c.advisor_name,
  mine: c.advisor_id === actor.id,
  unread: c.staff_unread,
  lastText: c.last_text,
  lastAt: c.last_at?.toISOString() ?? null,
  waitingSince: c.waiting_since?.toISOString() ?? null,
});

export const toOwnerEntry = (
  kind: OwnerChatEntry['kind'],
  c: ConversationRow | undefined,
  advisorName: string | null,
  storeName: string | null,
): OwnerChatEntry => ({
  kind,
  conversationId: c?.id ?? null,
  advisorName: kind === 'assistant' ? null : (c?.advisor_name ?? advisorName),
  storeName: c?.store_name ?? storeName,
  unread: c?.owner_unread ?? 0,
  lastText: c?.last_text ?? null,
  lastAt: c?.last_at?.toISOString() ?? null,
});
