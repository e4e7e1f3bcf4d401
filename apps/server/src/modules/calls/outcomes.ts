import { openCallStates, type CallOutcome, type CallState } from '@m4s/contracts';

/**
 * The call-attempt state machine of seed 001 ch3-4 §2.4, pure: where an attempt's outcome takes a call.
 * Only an open call (scheduled, retry, rescheduled) takes an outcome; a closed one is refused naming its
 * state. `noAnswers` counts the earlier no-answer attempts; the one being recorded makes it one more.
 */
export type Transition =
  | { ok: true; to: CallState; closed: boolean; next: 'retry_next_day' | 'agreed_time' | null }
  | { ok: false; state: CallState };

export const isOpen = (state: CallState): boolean => openCallStates.includes(state);

export const transition = (
  from: CallState,
  outcome: CallOutcome,
  counts: { noAnswers: number; maxNoAnswers: number },
): Transition => {
  if (!isOpen(from)) return { ok: false, state: from };
  switch (outcome) {
    // 无人接听 → call again the next day (L2359), until the tenant's number of tries: then unreachable.
    case 'no_answer':
      return counts.noAnswers + 1 >= counts.maxNoAnswers
        ? { ok: true, to: 'unreachable', closed: true, next: null }
        : { ok: true, to: 'retry', closed: false, next: 'retry_next_day' };
    // 错号、停机、空号 → update the customer's record: handed to sales and after-sales, the number flagged.
    case 'wrong_number':
    case 'disconnected':
    case 'empty_number':
      return { ok: true, to: 'bad_number', closed: true, next: null };
    // 非车主接听 → ask when the owner is free → rescheduled; 不方便 → agree a time → rescheduled, never cancelled.
    case 'non_owner':
    case 'not_convenient':
      return { ok: true, to: 'rescheduled', closed: false, next: 'agreed_time' };
    // 拒绝 → polite close, remembered (the follow-up topic opted out).
    case 'refused':
      return { ok: true, to: 'refused', closed: true, next: null };
    case 'completed':
      return { ok: true, to: 'completed', closed: true, next: null };
  }
};
