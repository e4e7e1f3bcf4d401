import type {
  BookingLiveEvent,
  ChatLiveEvent,
  EstimateLiveEvent,
  InboxLiveEvent,
  ServiceLiveEvent,
  VisitLiveEvent,
} from '@m4s/contracts';
import type { Database, Tx } from './db/types.ts';

/**
 * The in-process event bus behind the owner app's live page (contracts' `inboxRoutes.events`) and the
 * staff's board and visit page (`visitRoutes.storeEvents`, one stream per store).
 *
 * Events leave only after the transaction that caused them has committed: a service calls
 * `publishAfterCommit(ctx, …)` (or `afterCommit(ctx, fn)`), which queues the delivery on the
 * transaction; `withCommitHooks` wraps the Database so every transaction — requests and jobs alike —
 * runs its queue once COMMIT has returned, and drops it on rollback. So an owner never hears of a
 * stage that a failed request did not write, and a listener reading the visit after the event sees it.
 *
 * One process serves everything (docs/scaling.md): several processes would publish through PostgreSQL
 * LISTEN/NOTIFY instead of this map (see docs/visits.md).
 */
export type LiveEvent =
  | { type: 'visit'; data: VisitLiveEvent }
  | { type: 'estimate'; data: EstimateLiveEvent }
  | { type: 'inbox'; data: InboxLiveEvent }
  | { type: 'booking'; data: BookingLiveEvent }
  | { type: 'chat'; data: ChatLiveEvent }
  | { type: 'service'; data: ServiceLiveEvent };

type Listener = (event: LiveEvent) => void;

const listeners = new Map<string, Set<Listener>>();
// An owner's events and a store's (its staff's board and visit pages) are kept apart by the key's kind.
const keyOf = (tenantId: string, ownerId: string) => `owner:${tenantId}:${ownerId}`;
const storeKeyOf = (tenantId: string, storeId: string) => `store:${tenantId}:${storeId}`;
// A store's chat events go to the staff answering owners (docs/chat.md), not to the workshop board's stream.
const chatKeyOf = (tenantId: string, storeId: string) => `chat:${tenantId}:${storeId}`;

const subscribeKey = (key: string, listener: Listener): (() => void) => {
  const set = listeners.get(key) ?? new Set<Listener>();
  set.add(listener);
  listeners.set(key, set);
  return () => {
    set.delete(listener);
    if (set.size === 0 && listeners.get(key) === set) listeners.delete(key);
  };
};

/** Listens to one owner's events; returns the unsubscribe function. */
export const subscribeOwner = (tenantId: string, ownerId: string, listener: Listener): (() => void) =>
  subscribeKey(keyOf(tenantId, ownerId), listener);

/** Listens to one store's events (every visit and booking of the store), for its staff; returns the unsubscribe. */
export const subscribeStore = (tenantId: string, storeId: string, listener: Listener): (() => void) =>
  subscribeKey(storeKeyOf(tenantId, storeId), listener);

/** Listens to one store's chat events (会员咨询), for the staff answering there; returns the unsubscribe. */
export const subscribeStoreChat = (tenantId: string, storeId: string, listener: Listener): (() => void) =>
  subscribeKey(chatKeyOf(tenantId, storeId), listener);

/** Open connections (all owners): for the health of the process and the benchmark. */
export const listenerCount = () => [...listeners.values()].reduce((n, s) => n + s.size, 0);

const deliver = (key: string, event: LiveEvent) => {
  for (const listener of listeners.get(key) ?? []) {
    try {
      listener(event);
    } catch {
      // One broken connection must not keep the event from the others (the stream cleans itself up).
    }
  }
};

// ── After commit ────────────────────────────────────────────────────────────────────────────────────

/** Callbacks queued by each open transaction, keyed by its drizzle handle (one per transaction). */
const queued = new WeakMap<Tx, (() => void)[]>();

/** The database with every transaction running its after-commit queue once it has committed. */
export const withCommitHooks = (db: Database): Database => ({
  ...db,
  transaction: async (scope, fn) => {
    let queue: (() => void)[] = [];
    const result = await db.transaction(scope, (tx) => {
      queue = [];
      queued.set(tx.db, queue);
      return fn(tx);
    });
    for (const run of queue) {
      try {
        run();
      } catch {
        // The commit happened; a failing listener cannot undo it or fail the request.
      }
    }
    return result;
  },
});

type CtxLike = { db: Tx; log: { warn: (obj: object, msg: string) => void } };

/**
 * Runs `fn` after the caller's transaction commits (never if it rolls back). Outside a hooked
 * transaction (a script writing with its own handle) there is no one to tell: the event is dropped.
 */
export const afterCommit = (ctx: CtxLike, fn: () => void): void => {
  const queue = queued.get(ctx.db);
  if (queue) queue.push(fn);
  else ctx.log.warn({}, 'live event outside a hooked transaction: dropped');
};

/** Tells these owners about `event` once the caller's transaction has committed. */
export const publishAfterCommit = (
  ctx: CtxLike & { tenantId: string },
  ownerIds: readonly string[],
  event: LiveEvent,
): void => {
  if (ownerIds.length === 0) return;
  const { tenantId } = ctx;
  afterCommit(ctx, () => {
    for (const ownerId of new Set(ownerIds)) deliver(keyOf(tenantId, ownerId), event);
  });
};

/** Tells the staff following a store about `event` once the caller's transaction has committed. */
export const publishToStoreAfterCommit = (
  ctx: CtxLike & { tenantId: string },
  storeId: string,
  event: LiveEvent,
): void => {
  const key = storeKeyOf(ctx.tenantId, storeId);
  afterCommit(ctx, () => deliver(key, event));
};

/** Tells the staff answering a store's conversations about `event` once the caller's transaction has committed. */
export const publishChatAfterCommit = (
  ctx: CtxLike & { tenantId: string },
  storeId: string,
  event: LiveEvent,
): void => {
  const key = chatKeyOf(ctx.tenantId, storeId);
  afterCommit(ctx, () => deliver(key, event));
};
